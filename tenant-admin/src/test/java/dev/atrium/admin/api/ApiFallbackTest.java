package dev.atrium.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;

import dev.atrium.admin.i18n.AtriumTranslations;

/** Requests refused before a controller is chosen for their media types get the API's problems, not an empty answer. */
class ApiFallbackTest {

    private final ApiFallback fallback = new ApiFallback(new ApiProblems(new AtriumTranslations(List.of())));

    @Test
    void aBodyOfATypeTheApiDoesNotTakeIsA415ProblemNamingTheTypesItTakes() throws Exception {
        MockHttpServletResponse response = resolve(
                new HttpMediaTypeNotSupportedException(MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON), HttpMethod.POST));

        assertThat(response.getStatus()).isEqualTo(415);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"api.unsupported-media-type\"");
        assertThat(response.getHeader(HttpHeaders.ACCEPT)).isEqualTo("application/json");
    }

    @Test
    void anAnswerOfATypeTheApiDoesNotGiveIsA406Problem() throws Exception {
        MockHttpServletResponse response = resolve(new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON)));

        assertThat(response.getStatus()).isEqualTo(406);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"api.not-acceptable\"");
    }

    private MockHttpServletResponse resolve(Exception failure) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/roles");
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(fallback.resolveException(request, response, null, failure)).isNotNull();
        return response;
    }
}
