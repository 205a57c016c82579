package dev.atrium.app.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.web.SecurityFilterChain;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

import dev.atrium.admin.audit.SessionAudit;
import dev.atrium.app.ui.LoginView;

/**
 * Sign-in through OpenID Connect (authorization code with PKCE) for every page but the public ones. One provider:
 * straight to it; several: a page to choose.
 */
@Configuration
@EnableWebSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> registrations,
            AccountOidcUserService accountUserService, SessionAudit sessions) throws Exception {
        List<ClientRegistration> providers = providers(registrations.getIfAvailable());
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/styles/**", "/actuator/health/**").permitAll());
        http.oauth2Login(login -> login.userInfoEndpoint(userInfo -> userInfo.oidcUserService(accountUserService)));
        String loginPage = providers.size() == 1
                ? "/oauth2/authorization/" + providers.getFirst().getRegistrationId()
                : "/" + LoginView.ROUTE;
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.oauth2LoginPage(loginPage)
                .addLogoutHandler((request, response, authentication) -> {
                    if (authentication != null && authentication.getPrincipal() instanceof AccountUser user) {
                        sessions.signedOut(user.accountId());
                    }
                })).build();
    }

    static List<ClientRegistration> providers(ClientRegistrationRepository repository) {
        if (!(repository instanceof Iterable<?> iterable)) {
            throw new IllegalStateException("No OpenID Connect provider is configured. Configure one with "
                    + "spring.security.oauth2.client.registration.<id>.* and spring.security.oauth2.client.provider.<id>.issuer-uri "
                    + "(see README, Configuration); only a development run (spring-boot:run) starts a local one.");
        }
        List<ClientRegistration> providers = new ArrayList<>();
        iterable.forEach(registration -> providers.add((ClientRegistration) registration));
        return providers;
    }
}
