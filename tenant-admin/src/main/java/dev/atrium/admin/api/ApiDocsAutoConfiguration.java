package dev.atrium.admin.api;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

/**
 * The API's OpenAPI 3.1 document, generated from the controllers by springdoc at {@code /v3/api-docs}, and its
 * readable page at {@code /api} (Swagger UI): public, like any API reference, and stateless. The document names no
 * host (its server is {@code /}), so it is the same on every installation and can be compared with the committed copy.
 */
@AutoConfiguration(afterName = "dev.atrium.admin.security.SecurityAutoConfiguration", beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
class ApiDocsAutoConfiguration {

    private static final String BEARER = "apiKey";

    @Bean
    OpenApiCustomizer atriumApiDocument() {
        return openApi -> openApi
                .info(new Info().title("Atrium API").version("v1")
                        .description("Work with one workspace with an API key (Authorization: Bearer atrium_…). Errors are RFC 9457 "
                                + "problem details with the refusal's stable code; POSTs accept an Idempotency-Key."))
                .servers(List.of(new Server().url("/")))
                .components((openApi.getComponents() == null ? new Components() : openApi.getComponents())
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .bearerFormat("atrium_<key id>_<random><checksum>")))
                .security(List.of(new SecurityRequirement().addList(BEARER)));
    }

    /** The answers every operation can give, documented once here rather than on each. */
    @Bean
    OpenApiCustomizer atriumCommonResponses() {
        return openApi -> openApi.getPaths().values().forEach(path -> path.readOperationsMap().forEach((method, operation) -> {
            ApiResponses responses = operation.getResponses();
            // Springdoc gives every annotated response the success body; a refusal's is a problem detail.
            responses.forEach((status, response) -> {
                if (status.startsWith("4")) {
                    response.content(problemContent());
                }
            });
            responses.putIfAbsent("400", problem("A body or parameter that cannot be read (no JSON, a value of the wrong JSON type, "
                    + "an id that is no UUID), or a request refused before any controller (api.invalid-request)"));
            responses.putIfAbsent("401", problem("No or no valid API key: missing, malformed, revoked or expired (api.unauthenticated)"));
            responses.putIfAbsent("403", problem("The key's role, or its creator's current role, lacks the permission"));
            // Refused before a controller runs (ApiFallback), so no controller's annotations can say so.
            responses.putIfAbsent("406", problem("The Accept header allows no type this operation answers in (api.not-acceptable)"));
            if (operation.getRequestBody() != null) {
                responses.putIfAbsent("415", problem("The body is not of a type this operation takes (api.unsupported-media-type; "
                        + "Accept names the types it takes)"));
            }
            responses.putIfAbsent("429", problem("The key's rate limit is used up; try again after Retry-After seconds")
                    .addHeaderObject("Retry-After", new Header().description("Seconds until a request is allowed again")
                            .schema(new IntegerSchema())));
            responses.putIfAbsent("500", problem("A failure of the server (api.server-error)"));
            if (method == PathItem.HttpMethod.POST) {
                operation.addParametersItem(new HeaderParameter().name("Idempotency-Key").required(false)
                        .description("Up to 255 characters: a retry with the same key and request gets the first response again "
                                + "(Idempotency-Replayed: true) and changes nothing")
                        .schema(new StringSchema().maxLength(255)));
            }
        }));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType("application/problem+json", new MediaType().schema(new ObjectSchema()
                .description("RFC 9457 problem details: type, title, status, detail, code (stable), errors (per field)")));
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 11)
    SecurityFilterChain apiDocsSecurityFilterChain(HttpSecurity http) throws Exception {
        http.securityMatcher("/api", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }
}
