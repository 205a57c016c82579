package dev.atrium.admin.security;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.atrium.admin.sso.SsoDirectory;

/**
 * The authorization requests Atrium sends to identity providers ({@code /oauth2/authorization/{registrationId}}), as
 * Spring Security makes them, plus:
 * <ul>
 * <li>{@code ?login_hint=<e-mail>} (the address typed on the sign-in page) is passed on as OIDC's {@code login_hint};
 * <li>{@code ?step-up=mfa} asks the provider to authenticate the person again, now: {@code prompt=login} and
 * {@code max_age=0} (the "require multi-factor" step-up sends people to {@code /sso/{slug}?step-up=mfa});
 * <li>a Test connection ({@code sso-test-…}) starts only for the admin whose session holds its pending ticket.
 * </ul>
 * An unknown registration, or a workspace connection that is disabled or gone, is not answered here (the request
 * falls through to "not found") rather than failing with a server error.
 */
class SignInRequests implements OAuth2AuthorizationRequestResolver {

    static final String BASE_URI = "/oauth2/authorization";
    static final String LOGIN_HINT = "login_hint";
    static final String STEP_UP = "step-up";
    static final String STEP_UP_MFA = "mfa";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}");

    private final ClientRegistrationRepository registrations;
    private final DefaultOAuth2AuthorizationRequestResolver delegate;
    private final RequestMatcher authorization = PathPatternRequestMatcher.withDefaults().matcher(BASE_URI + "/{registrationId}");

    SignInRequests(ClientRegistrationRepository registrations) {
        this.registrations = registrations;
        this.delegate = new DefaultOAuth2AuthorizationRequestResolver(registrations, BASE_URI);
    }

    /**
     * Signing in: the delegate matches the path itself, so that the redirect URI's {@code {action}} is "login". Spring
     * Boot's default redirect URI is {@code {baseUrl}/{action}/oauth2/code/{registrationId}}, so a provider configured
     * without one (as README's examples are) returns to {@code /login/oauth2/code/…}, where sign-in is completed.
     */
    @Override
    public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        RequestMatcher.MatchResult match = authorization.matcher(request);
        if (!match.isMatch() || !mayResolve(request, match.getVariables().get("registrationId"))) {
            return null;
        }
        return withHints(request, delegate.resolve(request));
    }

    @Override
    public @Nullable OAuth2AuthorizationRequest resolve(HttpServletRequest request, @Nullable String registrationId) {
        return mayResolve(request, registrationId) ? withHints(request, delegate.resolve(request, registrationId)) : null;
    }

    private boolean mayResolve(HttpServletRequest request, @Nullable String registrationId) {
        return registrationId != null && mayStart(request, registrationId) && registrations.findByRegistrationId(registrationId) != null;
    }

    private static @Nullable OAuth2AuthorizationRequest withHints(HttpServletRequest request, @Nullable OAuth2AuthorizationRequest resolved) {
        if (resolved == null) {
            return null;
        }
        String loginHint = request.getParameter(LOGIN_HINT);
        boolean stepUp = STEP_UP_MFA.equals(request.getParameter(STEP_UP));
        if ((loginHint == null || !EMAIL.matcher(loginHint).matches()) && !stepUp) {
            return resolved;
        }
        return OAuth2AuthorizationRequest.from(resolved).additionalParameters(parameters -> {
            if (loginHint != null && EMAIL.matcher(loginHint).matches()) {
                parameters.put(LOGIN_HINT, loginHint);
            }
            if (stepUp) {
                parameters.put("prompt", "login");
                parameters.put("max_age", "0");
            }
        }).build();
    }

    private static boolean mayStart(HttpServletRequest request, String registrationId) {
        Optional<UUID> tested = SsoDirectory.testWorkspace(registrationId);
        return tested.isEmpty() || SessionAccounts.pendingTest(request, tested.get()).isPresent();
    }
}
