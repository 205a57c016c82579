package dev.atrium.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.ExceptionHandlerExceptionResolver;

import dev.atrium.admin.i18n.AtriumTranslations;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The net under the input checks: text the database cannot hold that slipped past them is the request's fault (a 400
 * problem), not the server's; any other database failure stays a server error.
 */
class ApiExceptionHandlerTest {

    @Test
    void textTheDatabaseCannotHoldIsA400Problem() throws Exception {
        for (String sqlState : List.of("22021", "22P05")) {
            MockHttpServletResponse response = new MockHttpServletResponse();

            ModelAndView resolved = resolve(new DataIntegrityViolationException("NUL", new SQLException("0x00", sqlState)), response);

            assertThat(resolved).isNotNull();
            assertThat(response.getStatus()).isEqualTo(400);
            assertThat(response.getContentAsString()).contains("\"code\":\"api.invalid-request\"");
        }
    }

    @Test
    void anyOtherDatabaseFailureIsLeftToTheServerError() throws Exception {
        assertThat(resolve(new DataIntegrityViolationException("other", new SQLException("other", "23505")),
                new MockHttpServletResponse())).isNull();
    }

    private static ModelAndView resolve(Exception failure, MockHttpServletResponse response) throws Exception {
        StaticWebApplicationContext context = new StaticWebApplicationContext();
        context.registerBean(ApiExceptionHandler.class, () -> new ApiExceptionHandler(new ApiProblems(new AtriumTranslations(List.of()))));
        context.refresh();
        ExceptionHandlerExceptionResolver resolver = new ExceptionHandlerExceptionResolver();
        resolver.setApplicationContext(context);
        resolver.setMessageConverters(List.of(new JacksonJsonHttpMessageConverter()));
        resolver.afterPropertiesSet();
        HandlerMethod roles = new HandlerMethod(new RolesApi(null), RolesApi.class.getDeclaredMethod("list", TenantScope.class));
        return resolver.resolveException(new MockHttpServletRequest("GET", "/api/v1/roles"), response, roles, failure);
    }
}
