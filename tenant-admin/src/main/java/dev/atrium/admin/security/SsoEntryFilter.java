package dev.atrium.admin.security;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UriComponentsBuilder;

import dev.atrium.admin.sso.SamlService;
import dev.atrium.admin.sso.SsoDirectory;
import dev.atrium.admin.sso.SsoProtocol;
import dev.atrium.admin.sso.SsoRoute;

/**
 * The direct link of a workspace's single sign-on, {@code /sso/{slug}} (also where the sign-in page sends an address
 * of a verified domain): with an enabled connection, on to its entry point; otherwise on to {@link SsoUnavailableView},
 * which says only that single sign-on is not available for that address. {@code login_hint} and {@code step-up} are
 * passed on to the authorization request ({@link SignInRequests}).
 *
 * <p>Entry points by protocol ({@link #ENTRY_POINTS}): OIDC starts Spring Security's authorization request for the
 * connection's client registration; SAML starts an AuthnRequest at {@link SamlController} ({@code step-up} is passed
 * on as {@code ForceAuthn}; SAML has no {@code login_hint}). {@link SsoDirectory#forSlug}/{@link SsoDirectory#forEmail}
 * answer with the connection's protocol, so both the direct link and home-realm discovery reach either from here.
 */
class SsoEntryFilter extends OncePerRequestFilter {

    static final String PATH = "/sso/{slug}";
    private static final Map<SsoProtocol, Function<SsoRoute, String>> ENTRY_POINTS = Map.of(
            SsoProtocol.OIDC, route -> SignInRequests.BASE_URI + "/" + SsoDirectory.signInRegistrationId(route.workspaceId()),
            SsoProtocol.SAML, route -> SamlService.signInStartPath(route.workspaceId()));

    private final SsoDirectory directory;
    private final RequestMatcher entry = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, PATH);

    SsoEntryFilter(SsoDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestMatcher.MatchResult match = entry.matcher(request);
        Optional<SsoRoute> route = match.isMatch() ? directory.forSlug(match.getVariables().get("slug")) : Optional.empty();
        if (route.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        UriComponentsBuilder target = UriComponentsBuilder.fromPath(request.getContextPath())
                .path(ENTRY_POINTS.get(route.get().protocol()).apply(route.get()));
        for (String passedOn : new String[] { SignInRequests.LOGIN_HINT, SignInRequests.STEP_UP }) {
            String value = request.getParameter(passedOn);
            if (value != null) {
                target.queryParam(passedOn, value);
            }
        }
        response.sendRedirect(target.encode().build().toUriString());
    }
}
