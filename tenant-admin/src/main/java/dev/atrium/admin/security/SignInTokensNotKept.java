package dev.atrium.admin.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * Where Spring Security puts the access and refresh token a sign-in got: nowhere. Atrium calls no API of the identity
 * provider after the sign-in (and signs out locally), while Spring Boot's default keeps every person's tokens in memory
 * until the application stops, open session or not. A host that calls its provider's APIs declares its own
 * {@link OAuth2AuthorizedClientRepository}.
 */
final class SignInTokensNotKept implements OAuth2AuthorizedClientRepository {

    @Override
    public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId, Authentication principal,
            HttpServletRequest request) {
        return null;
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal, HttpServletRequest request,
            HttpServletResponse response) {
        // Not kept: see the class comment.
    }

    @Override
    public void removeAuthorizedClient(String clientRegistrationId, Authentication principal, HttpServletRequest request,
            HttpServletResponse response) {
        // Nothing was kept.
    }
}
