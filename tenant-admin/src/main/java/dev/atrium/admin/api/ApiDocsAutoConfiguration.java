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
