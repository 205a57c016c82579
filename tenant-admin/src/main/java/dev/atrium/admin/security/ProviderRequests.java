package dev.atrium.admin.security;

import org.jspecify.annotations.Nullable;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.atrium.admin.outbound.OutboundHttp;
import dev.atrium.admin.sso.SsoException;

/**
 * What sign-in asks an identity provider from the server: the token request, the key set the ID token is checked with
 * and the userinfo request. A workspace's connection names these endpoints in the discovery document of an issuer its
 * admin typed, so they go through the guarded client ({@link OutboundHttp}: the SSRF guard, no redirects, timeouts);
 * one the guard refuses ends the sign-in with {@code sso.address-internal} naming the endpoint, which the sign-in page
 * shows, and nothing is sent there. The application's own providers (those of the app-wide repository, configured by
 * the operator) are trusted and keep Spring Security's clients: the local provider of a development run is on
 * localhost.
 * <p>
 * Not itself a token client, user service or decoder factory: a bean of those types would be one more for Spring
 * Security's look-up to choose from when a host declares its own.
 */
class ProviderRequests {

    private final @Nullable ClientRegistrationRepository appWide;
    private final OutboundHttp outbound;

    private final RestClientAuthorizationCodeTokenResponseClient appWideTokens = new RestClientAuthorizationCodeTokenResponseClient();
    private final RestClientAuthorizationCodeTokenResponseClient guardedTokens = new RestClientAuthorizationCodeTokenResponseClient();
    private final DefaultOAuth2UserService appWideUserInfo = new DefaultOAuth2UserService();
    private final DefaultOAuth2UserService guardedUserInfo = new DefaultOAuth2UserService();
    private final OidcIdTokenDecoderFactory appWideDecoders = new OidcIdTokenDecoderFactory();
    /**
     * By registration instance: a workspace's is rebuilt when its connection changes (new client id, issuer or key set
     * address), and its decoder goes with the old one.
     */
    private final Cache<ClientRegistration, JwtDecoder> guardedDecoders = Caffeine.newBuilder().weakKeys().build();

    ProviderRequests(@Nullable ClientRegistrationRepository appWide, OutboundHttp outbound) {
        this.appWide = appWide;
        this.outbound = outbound;
        // As Spring Security's own clients are set up, on the guarded client.
        guardedTokens.setRestClient(RestClient.builder()
                .requestFactory(outbound.requestFactory())
                .configureMessageConverters(converters -> converters.addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        guardedUserInfo.setRestOperations(guardedRestTemplate());
    }

    OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokens() {
        return this::tokenResponse;
    }

    OAuth2UserService<OAuth2UserRequest, OAuth2User> userInfo() {
        return this::loadUser;
    }

    JwtDecoderFactory<ClientRegistration> idTokenDecoders() {
        return this::createDecoder;
    }

    private OAuth2AccessTokenResponse tokenResponse(OAuth2AuthorizationCodeGrantRequest request) {
        ClientRegistration registration = request.getClientRegistration();
        if (isAppWide(registration)) {
            return appWideTokens.getTokenResponse(request);
        }
        try {
            return guardedTokens.getTokenResponse(request);
        } catch (OAuth2AuthorizationException e) {
            throw refusedOr(e, registration.getProviderDetails().getTokenUri());
        }
    }

    private OAuth2User loadUser(OAuth2UserRequest request) {
        ClientRegistration registration = request.getClientRegistration();
        if (isAppWide(registration)) {
            return appWideUserInfo.loadUser(request);
        }
        try {
            return guardedUserInfo.loadUser(request);
        } catch (OAuth2AuthenticationException e) {
            throw refusedOr(e, registration.getProviderDetails().getUserInfoEndpoint().getUri());
        }
    }

    private JwtDecoder createDecoder(ClientRegistration registration) {
        if (isAppWide(registration)) {
            return appWideDecoders.createDecoder(registration);
        }
        JwtDecoder decoder = guardedDecoders.get(registration, this::guardedDecoder);
        String jwkSetUri = registration.getProviderDetails().getJwkSetUri();
        return token -> {
            try {
                return decoder.decode(token);
            } catch (JwtException e) {
                throw refusedOr(e, jwkSetUri);
            }
        };
    }

    /** As {@link OidcIdTokenDecoderFactory} makes one for the connections' RS256, fetching the key set guarded. */
    private JwtDecoder guardedDecoder(ClientRegistration registration) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(registration.getProviderDetails().getJwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256).restOperations(guardedRestTemplate()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new OidcIdTokenValidator(registration)));
        decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
        return decoder;
    }

    private RestTemplate guardedRestTemplate() {
        RestTemplate template = new RestTemplate(outbound.requestFactory());
        template.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
        return template;
    }

    /** Held by the app-wide repository: the operator's; anything else is a workspace's connection. */
    private boolean isAppWide(ClientRegistration registration) {
        return appWide != null && appWide.findByRegistrationId(registration.getRegistrationId()) != null;
    }

    /** The guard's refusal as one the sign-in page shows; any other failure as it was. */
    private static RuntimeException refusedOr(RuntimeException failure, String endpoint) {
        if (!OutboundHttp.refusedIn(failure)) {
            return failure;
        }
        SsoException refusal = SsoException.addressInternal(endpoint);
        return new OAuth2AuthenticationException(new OAuth2Error(AccountOidcUserService.REFUSED, refusal.code(), null),
                refusal.code(), refusal);
    }
}
