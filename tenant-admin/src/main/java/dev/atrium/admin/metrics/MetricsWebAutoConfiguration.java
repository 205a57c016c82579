package dev.atrium.admin.metrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManagers;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;

import io.micrometer.core.instrument.MeterRegistry;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.security.Operators;

/**
 * The web side of the meters: the UI sessions gauge, and who may read {@code /actuator/prometheus} — signed-in
 * operators (their session, as for health details) and a scraper with the token of {@code atrium.metrics.scrape-token-sha256};
 * anyone else gets 401. The endpoint itself is the host's: actuator with {@code micrometer-registry-prometheus}, and
 * {@code prometheus} among {@code management.endpoints.web.exposure.include}.
 */
// After the security auto-configuration: its application-wide chain is made only while no other chain exists yet.
@AutoConfiguration(afterName = "dev.atrium.admin.security.SecurityAutoConfiguration", beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class MetricsWebAutoConfiguration {

    static final String PROMETHEUS = "/actuator/prometheus";

    @Bean
    UiSessions uiSessions(ObjectProvider<MeterRegistry> registry) {
        return new UiSessions(MetricsAutoConfiguration.registry(registry));
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain metricsSecurityFilterChain(HttpSecurity http, AtriumProperties properties,
            ObjectProvider<SecurityContextHolderStrategy> strategies) throws Exception {
        // The application's own strategy, which its authorization filter reads (see the API's chain).
        SecurityContextHolderStrategy contexts = strategies.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        http.securityMatcher(PROMETHEUS)
                .authorizeHttpRequests(requests -> requests.anyRequest().access(AuthorizationManagers.anyOf(
                        AuthorityAuthorizationManager.hasRole(Operators.ROLE),
                        AuthorityAuthorizationManager.hasAuthority(ScrapeTokenFilter.AUTHORITY))))
                .addFilterBefore(new ScrapeTokenFilter(properties.metrics().scrapeTokenSha256(), contexts), AuthorizationFilter.class)
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED)))
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable());
        return http.build();
    }
}
