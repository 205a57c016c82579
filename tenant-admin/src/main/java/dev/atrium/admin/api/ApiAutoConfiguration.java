package dev.atrium.admin.api;

import java.time.Clock;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import com.vaadin.flow.i18n.I18NProvider;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.PlatformApiKeyService;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.ratelimit.RateLimiter;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The REST API's own filter chain for {@code /api/v1/**}, ahead of the browser's: stateless (no session, no CSRF
 * token, no saved request, no redirect to the sign-in page), authenticated only by an API key; anything else is a
 * 401 problem. A platform key may call {@code /api/v1/workspaces} and nothing else, a workspace's key anything but
 * that: the other kind is a 403 problem. Registered after Atrium's security configuration, so that a host's own browser chain replaces that one
 * and still leaves the API in front of it.
 */
@AutoConfiguration(afterName = "dev.atrium.admin.security.SecurityAutoConfiguration", beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import({ IdempotencyRepository.class, ApiExceptionHandler.class, ApiCursor.class, ApiLists.class, PermissionsApi.class, MembersApi.class, InvitationsApi.class, RolesApi.class, AuditEventsApi.class,
        JoinLinksApi.class, WorkspacesApi.class })
class ApiAutoConfiguration {

    static final String API_PATHS = "/api/v1/**";
    static final String WORKSPACES_PATH = "/api/v1/workspaces";

    @Bean
    ApiProblems apiProblems(I18NProvider translations) {
        return new ApiProblems(translations);
    }

    @Bean
    ApiFallback apiFallback(ApiProblems problems) {
        return new ApiFallback(problems);
    }

    /**
     * Reads the API's request bodies (the records of this package) with the application's JSON settings, but never
     * converts a value of another JSON type than its field's (5 into the name "5", "7" or 1.5 into days): that is a
     * 400 problem. The host's own controllers read as before.
     */
    @Bean
    WebMvcConfigurer apiStrictBodies(ObjectProvider<JsonMapper> json) {
        JsonMapper strict = json.getIfAvailable(JsonMapper::new).rebuild()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                // The feature above leaves text alone: a number or boolean for a text field is refused here.
                .withCoercionConfig(LogicalType.Textual, text -> text.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
        HttpMessageConverter<Object> bodies = new JacksonJsonHttpMessageConverter(strict) {
            @Override
            public boolean canRead(ResolvableType type, @Nullable MediaType mediaType) {
                return isApiBody(type.toClass()) && super.canRead(type, mediaType);
            }

            @Override
            public boolean canRead(Class<?> type, @Nullable MediaType mediaType) {
                return isApiBody(type) && super.canRead(type, mediaType);
            }

            @Override
            public boolean canWrite(ResolvableType type, Class<?> valueClass, @Nullable MediaType mediaType) {
                return false;
            }

            @Override
            public boolean canWrite(Class<?> type, @Nullable MediaType mediaType) {
                return false;
            }

            private static boolean isApiBody(Class<?> type) {
                return type.getPackageName().equals(ApiAutoConfiguration.class.getPackageName());
            }
        };
        return new WebMvcConfigurer() {
            @Override
            public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
                converters.addCustomConverter(bodies);
            }
        };
    }

    @Bean
    SimpleUrlHandlerMapping apiNotFoundMapping(ApiFallback fallback) {
        return fallback.notFoundMapping();
    }

    /**
     * Ahead of the security filters, whose web app chain would answer the error dispatch with its sign-in redirect.
     * Registrations are made as the web server starts, before the other beans and before tests' dynamic properties
     * are registered: the fallback (its messages, their settings) is taken only at the first error dispatch.
     */
    @Bean
    FilterRegistrationBean<Filter> apiErrorDispatch(ObjectProvider<ApiFallback> fallback) {
        Filter errorDispatch = (request, response, chain) -> fallback.getObject().errorDispatch().doFilter(request, response, chain);
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(errorDispatch);
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 1);
        return registration;
    }

    /** Only where the web server is Tomcat; a host on another server keeps that server's error pages. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
    static class TomcatErrorReport {

        /**
         * Unordered, so after Spring Boot's own customizer (order 0), whose error report valve it replaces: see
         * {@link ApiErrorReportValve}. The fallback is taken at the first error, as for the error dispatch above.
         */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> apiErrorReportValve(ObjectProvider<ApiFallback> fallback) {
            return factory -> factory.addContextCustomizers(context -> ApiErrorReportValve.install(context, fallback::getObject));
        }
    }

    @Bean
    IdempotencyPurge idempotencyPurge(IdempotencyRepository stored, TenantBinder binder, TenantDsl tenantDsl, Clock clock,
            AtriumProperties properties) {
        return new IdempotencyPurge(stored, binder, tenantDsl, clock, properties);
    }

    @Bean
    ClusterJob idempotencyPurgeJob(IdempotencyPurge purge, AtriumProperties properties) {
        return IdempotencyPurge.job(purge, properties);
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, ApiKeyService apiKeys, PlatformApiKeyService platformKeys,
            ApiProblems problems, RateLimiter rateLimiter, IdempotencyRepository idempotency, TenantDsl tenantDsl, Keyring keyring,
            ObjectProvider<SecurityContextHolderStrategy> strategies) throws Exception {
        // The application's own strategy (Vaadin's), which its authorization filter reads: not the JVM-wide holder,
        // which the last application started in this JVM set.
        SecurityContextHolderStrategy contexts = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        ApiKeyAuthenticationFilter authentication = new ApiKeyAuthenticationFilter(apiKeys, platformKeys, rateLimiter, problems, contexts);
        http.securityMatcher(API_PATHS)
                // A streamed export finishes on an async dispatch, checked already on its request.
                .authorizeHttpRequests(requests -> requests.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(WORKSPACES_PATH, WORKSPACES_PATH + "/**").hasAuthority(PlatformKeyAuthentication.AUTHORITY.getAuthority())
                        .anyRequest().hasAuthority(ApiKeyAuthentication.AUTHORITY.getAuthority()))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .anonymous(anonymous -> anonymous.disable())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> problems.write(request, response,
                                problems.of(HttpStatus.UNAUTHORIZED, ApiProblems.UNAUTHENTICATED, locale(request), null)))
                        // Authenticated, with the other kind of key.
                        .accessDeniedHandler((request, response, e) -> problems.write(request, response,
                                problems.of(HttpStatus.FORBIDDEN, request.getAttribute(ApiKeyAuthenticationFilter.PLATFORM_KEY) != null
                                        ? ApiProblems.PLATFORM_KEY_NOT_ALLOWED : ApiProblems.PLATFORM_KEY_REQUIRED, locale(request), null))))
                .addFilterBefore(authentication, AuthorizationFilter.class)
                .addFilterAfter(new IdempotencyFilter(idempotency, tenantDsl, keyring, problems, contexts), ApiKeyAuthenticationFilter.class);
        return http.build();
    }

    private static Locale locale(HttpServletRequest request) {
        return request.getLocale();
    }
}
