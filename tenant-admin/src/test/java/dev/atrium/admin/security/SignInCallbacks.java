package dev.atrium.admin.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationExchange;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponse;

/**
 * A sign-in's callback as Spring Security's OAuth2 login filter hands it to its OIDC provider (the identity provider's
 * authorization code for the registration), the provider's requests wired as {@link SecurityAutoConfiguration} wires them: token request,
 * ID token decoder and the userinfo request under the OIDC user service.
 */
final class SignInCallbacks {

    private SignInCallbacks() {
    }

    /** Where the identity provider sends the browser back with the code. */
    static String redirectUri(ClientRegistration registration) {
        return "https://atrium.test/login/oauth2/code/" + registration.getRegistrationId();
    }

    static Authentication complete(ProviderRequests requests, ClientRegistration registration, String code) {
        OidcUserService users = new OidcUserService();
        users.setOauth2UserService(requests.userInfo());
        OidcAuthorizationCodeAuthenticationProvider provider = new OidcAuthorizationCodeAuthenticationProvider(requests.tokens(), users);
        provider.setJwtDecoderFactory(requests.idTokenDecoders());
        OAuth2AuthorizationRequest authorization = OAuth2AuthorizationRequest.authorizationCode()
                .authorizationUri(registration.getProviderDetails().getAuthorizationUri()).clientId(registration.getClientId())
                .redirectUri(redirectUri(registration))
                .scopes(registration.getScopes()).state("state").build();
        OAuth2AuthorizationResponse response = OAuth2AuthorizationResponse.success(code)
                .redirectUri(authorization.getRedirectUri()).state("state").build();
        return provider.authenticate(new OAuth2LoginAuthenticationToken(registration,
                new OAuth2AuthorizationExchange(authorization, response)));
    }
}
