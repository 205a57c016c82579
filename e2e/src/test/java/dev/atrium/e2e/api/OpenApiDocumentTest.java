package dev.atrium.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.atrium.e2e.AtriumE2ETest;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI 3.1 document is generated from the code and must equal the committed {@code docs/openapi.json}: a
 * change of the API shows up as a change of that file in review. After a deliberate change, write the new document with
 * {@code -Datrium.openapi.write=true} and commit it.
 */
@AtriumE2ETest
class OpenApiDocumentTest {

    private static final Path COMMITTED = Path.of("..", "docs", "openapi.json");
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @LocalServerPort int port;

    @Test
    void theGeneratedDocumentIsTheCommittedOne() throws Exception {
        ApiClient.Response document = new ApiClient(port, null).get("/v3/api-docs");
        assertThat(document.status()).isEqualTo(200);
        Map<String, Object> json = document.json();
        assertThat((String) json.get("openapi")).startsWith("3.1");
        assertThat(json.get("paths").toString()).contains("/api/v1/members").doesNotContain("/saml/");
        String generated = CANONICAL.writeValueAsString(CANONICAL.readValue(document.body(), Object.class)) + "\n";

        if (Boolean.getBoolean("atrium.openapi.write")) {
            Files.writeString(COMMITTED, generated, StandardCharsets.UTF_8);
        }

        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("docs/openapi.json is not the API the code serves; if the change is deliberate, rerun with -Datrium.openapi.write=true")
                .isEqualTo(generated);
    }

    @Test
    void theReadablePageIsAtApi() {
        ApiClient anonymous = new ApiClient(port, null);
        ApiClient.Response page = anonymous.get("/api");
        assertThat(page.status()).isEqualTo(302);
        String location = page.header("Location");
        assertThat(location).contains("swagger-ui");
        ApiClient.Response ui = anonymous.get(location.replaceFirst("^https?://[^/]+", ""));
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).containsIgnoringCase("swagger");
    }
}
