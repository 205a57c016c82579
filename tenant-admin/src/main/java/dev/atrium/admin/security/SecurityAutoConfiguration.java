package dev.atrium.admin.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.OAuth2LoginAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.spring.security.AuthenticationContext;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;

import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.audit.SessionAudit;
import dev.atrium.admin.config.AtriumAutoConfiguration;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.outbound.OutboundHttp;
import dev.atrium.admin.sso.SamlService;
import dev.atrium.admin.sso.SsoConnectionTests;
import dev.atrium.admin.sso.SsoDirectory;
import dev.atrium.admin.sso.SsoPolicyService;
import dev.atrium.admin.sso.SsoSignInService;
import dev.atrium.admin.workspace.WorkspaceService;

/**
 * Sign-in through OpenID Connect (authorization code with PKCE) for every page but the public ones: the sign-in page
 * ({@link LoginView}) asks for the e-mail address first and sends it to the workspace's connection that verified its
 * domain, or else to the app-wide provider (one: straight to it; several: a choice). {@code /sso/{slug}} is a
 * workspace's direct link ({@link SsoEntryFilter}); SAML connections sign in at {@link SamlController}. Every
 * response carries the security headers (see README,
 * Configuration).
 *
 * <p>Auto-configured for a servlet web application, before Spring Boot's own web security (which then stands back). A
 * host that declares its own {@link SecurityFilterChain} replaces Atrium's chain, and with it these rules.
 */
@AutoConfiguration(after = AtriumAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.client.autoconfigure.servlet.OAuth2ClientWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
class SecurityAutoConfiguration {

    private static final long ONE_YEAR_IN_SECONDS = 365L * 24 * 60 * 60;
    private static final String SAML_LOGIN = "/saml/{workspaceId}/login";
    private static final String SAML_METADATA = "/saml/{workspaceId}/metadata";
    private static final String SAML_ACS = "/saml/{workspaceId}/acs";
    private static final String SAML_TEST = "/saml/{workspaceId}/test";

    @Bean
    Operators operators(AtriumProperties properties) {
        return new Operators(properties.operators(), properties.operatorClaim(), properties.operatorClaimValue());
    }

    @Bean
    ProviderRequests providerRequests(ObjectProvider<ClientRegistrationRepository> registrations, OutboundHttp outbound) {
        return new ProviderRequests(registrations.getIfAvailable(), outbound);
    }

    @Bean
    AccountOidcUserService accountOidcUserService(AccountService accounts, SessionAudit sessions, Operators operators,
            SsoSignInService ssoSignIns, SsoConnectionTests tests, SsoPolicyService policies, ProviderRequests providers) {
        AccountOidcUserService service = new AccountOidcUserService(accounts, sessions, operators, ssoSignIns, tests, policies);
        service.setOauth2UserService(providers.userInfo());
        return service;
    }

    /** Atrium needs no provider's access or refresh token after a sign-in; a host that does declares its own. */
    @Bean
    @ConditionalOnMissingBean(OAuth2AuthorizedClientRepository.class)
    OAuth2AuthorizedClientRepository signInTokensNotKept() {
        return new SignInTokensNotKept();
    }

    /**
     * No Micrometer observation per security filter, authentication and authorization: they wrap each of the chain's
     * filters on every request (a measurable share of an API call's CPU) and feed no metric Atrium exposes. The
     * request's own {@code http.server.requests} observation stays. A host that traces its security filters declares
     * its own settings bean.
     */
    @Bean
    @ConditionalOnMissingBean(SecurityObservationSettings.class)
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    ContentSecurityPolicy contentSecurityPolicy() {
        return new ContentSecurityPolicy();
    }

    @Bean
    CurrentAccount currentAccount(AuthenticationContext authentication) {
        return new CurrentAccount(authentication);
    }

    @Bean
    AccountLanguage accountLanguage(AccountService accounts, AuthenticationContext authentication) {
        return new AccountLanguage(accounts, authentication);
    }

    @Bean
    SamlController samlController(SamlService saml, SsoSignInService signIns, SsoConnectionTests tests, SessionAudit sessions,
            I18NProvider translations) {
        return new SamlController(saml, signIns, tests, sessions, translations);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectProvider<ClientRegistrationRepository> registrations,
            AccountOidcUserService accountUserService, SessionAudit sessions, ContentSecurityPolicy contentSecurityPolicy,
            SsoDirectory ssoDirectory, SsoConnectionTests ssoTests, WorkspaceService workspaces, ProviderRequests providers)
            throws Exception {
        // The application's own providers (whichever bean holds them: properties, the local provider, a host's own)
        // plus the workspaces' connections.
        AtriumClientRegistrations allRegistrations = new AtriumClientRegistrations(registrations.getIfAvailable(), ssoDirectory);
        // Anyone may ask whether Atrium is up (and probes its liveness and readiness); every other health path names
        // components or workspaces and is for operators only.
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/styles/**", "/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness").permitAll()
                .requestMatchers("/actuator/health/**").hasRole(Operators.ROLE)
                // A workspace's SAML connection: its metadata, the start of a sign-in and the ACS, for people not yet
                // signed in.
                .requestMatchers(HttpMethod.GET, SAML_LOGIN, SAML_METADATA).permitAll()
                .requestMatchers(HttpMethod.POST, SAML_ACS).permitAll()
                // An admin's Test connection; the controller also checks the ticket the settings put in the session.
                .requestMatchers(HttpMethod.GET, SAML_TEST).authenticated());
        // The identity provider's page posts the SAML response: it has no CSRF token. The response's signature, its
        // InResponseTo (the session's own request) and replay protection stand in for one; only this path is exempt.
        http.csrf(csrf -> csrf.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, SAML_ACS)));
        http.headers(headers -> headers
                .frameOptions(frameOptions -> frameOptions.deny())
                // Only on requests that arrived over https (directly, or via a proxy trusted through
                // server.forward-headers-strategy): a browser ignores it over http anyway.
                .httpStrictTransportSecurity(hsts -> hsts.maxAgeInSeconds(ONE_YEAR_IN_SECONDS).includeSubDomains(true))
                .addHeaderWriter(contentSecurityPolicy)
                .addHeaderWriter(referrerPolicy())
                // Vaadin writes its bootstrap page past the response wrapper that would add the headers on commit.
                .withObjectPostProcessor(new ObjectPostProcessor<HeaderWriterFilter>() {
                    @Override
                    public <F extends HeaderWriterFilter> F postProcess(F filter) {
                        filter.setShouldWriteHeadersEagerly(true);
                        return filter;
                    }
                }));
        String loginPage = "/" + LoginView.ROUTE;
        http.addFilterBefore(new SsoEntryFilter(ssoDirectory), OAuth2AuthorizationRequestRedirectFilter.class);
        // Named here already, so Spring Security does not also generate its own /login page: /login is LoginView.
        http.oauth2Login(login -> login.loginPage(loginPage)
                .clientRegistrationRepository(allRegistrations)
                .authorizationEndpoint(authorization -> authorization.authorizationRequestResolver(new SignInRequests(allRegistrations)))
                // The token, key set and userinfo requests of workspaces' connections go through the SSRF guard; set
                // here rather than left to the configurer's look-up of beans of these types.
                .tokenEndpoint(token -> token.accessTokenResponseClient(providers.tokens()))
                .userInfoEndpoint(userInfo -> userInfo.oidcUserService(accountUserService))
                .withObjectPostProcessor(new ObjectPostProcessor<OidcAuthorizationCodeAuthenticationProvider>() {
                    @Override
                    public <P extends OidcAuthorizationCodeAuthenticationProvider> P postProcess(P provider) {
                        provider.setJwtDecoderFactory(providers.idTokenDecoders());
                        return provider;
                    }
                })
                .failureHandler(new SignInFailures(ssoTests))
                // Vaadin's configurer sets its saved-request handler when the chain is built; this one replaces it on
                // the filter, keeping its behaviour for sign-ins through the app-wide providers.
                .withObjectPostProcessor(new ObjectPostProcessor<OAuth2LoginAuthenticationFilter>() {
                    @Override
                    public <F extends OAuth2LoginAuthenticationFilter> F postProcess(F filter) {
                        filter.setAuthenticationResultConverter(AccountOidcUserService::sessionAuthentication);
                        filter.setAuthenticationSuccessHandler(new SsoLanding(workspaces,
                                () -> http.getSharedObject(RequestCache.class)));
                        return filter;
                    }
                }));
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.oauth2LoginPage(loginPage)
                .addLogoutHandler((request, response, authentication) -> {
                    if (authentication != null && authentication.getPrincipal() instanceof SignedInAccount user) {
                        sessions.signedOut(user.accountId());
                    }
                })).build();
    }

    /**
     * Other sites learn at most Atrium's origin. An invitation or join link carries its token in the path, so its page
     * sends no referrer at all, not even to Atrium's own resources (logged by proxies on the way).
     */
    private static HeaderWriter referrerPolicy() {
        RequestMatcher invitation = PathPatternRequestMatcher.withDefaults().matcher("/invite/**");
        RequestMatcher joinLink = PathPatternRequestMatcher.withDefaults().matcher("/join/**");
        return (request, response) -> response.setHeader("Referrer-Policy",
                invitation.matches(request) || joinLink.matches(request) ? "no-referrer" : "strict-origin-when-cross-origin");
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
