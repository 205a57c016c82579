package dev.atrium.admin.security;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

import com.vaadin.flow.spring.security.VaadinSavedRequestAwareAuthenticationSuccessHandler;

import dev.atrium.admin.sso.SsoSession;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceSummary;

/**
 * Where a successful sign-in lands. Through a workspace's connection: in that workspace, {@code /w/{slug}}, unless the
 * page the person asked for before signing in lies inside it. Through an app-wide provider: that page, or the start
 * page (Vaadin's saved-request handling, as before).
 */
class SsoLanding implements AuthenticationSuccessHandler {

    private final WorkspaceService workspaces;
    private final Supplier<RequestCache> requestCache;
    private final RedirectStrategy redirect = new DefaultRedirectStrategy();
    /** What Vaadin's configurer would have used: the saved request, else the start page. */
    private final VaadinSavedRequestAwareAuthenticationSuccessHandler savedRequest = new VaadinSavedRequestAwareAuthenticationSuccessHandler();

    /** @param requestCache the chain's request cache (Vaadin's), known once the chain is built */
    SsoLanding(WorkspaceService workspaces, Supplier<RequestCache> requestCache) {
        this.workspaces = workspaces;
        this.requestCache = requestCache;
        savedRequest.setDefaultTargetUrl("/");
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException, ServletException {
        Optional<String> slug = authentication.getPrincipal() instanceof SignedInAccount account
                ? account.sso().map(SsoSession::workspaceId).flatMap(workspaceId -> workspaces.workspacesOf(account.accountId())
                        .stream().filter(workspace -> workspace.id().equals(workspaceId)).findFirst())
                        .map(WorkspaceSummary::slug)
                : Optional.empty();
        if (slug.isEmpty()) {
            savedRequest.setRequestCache(requestCache.get());
            savedRequest.onAuthenticationSuccess(request, response, authentication);
            return;
        }
        String home = "/w/" + slug.get();
        SavedRequest saved = requestCache.get().getRequest(request, response);
        requestCache.get().removeRequest(request, response);
        if (request.getSession(false) != null) {
            request.getSession(false).removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        }
        redirect.sendRedirect(request, response, saved != null && inside(saved.getRedirectUrl(), home, request)
                ? saved.getRedirectUrl() : home);
    }

    /** Whether the saved URL is Atrium's own page of this workspace (same origin, path {@code /w/{slug}[/…]}). */
    private static boolean inside(String savedUrl, String home, HttpServletRequest request) {
        try {
            URI saved = URI.create(savedUrl);
            URI own = URI.create(request.getRequestURL().toString());
            String path = saved.getPath() == null ? "" : saved.getPath().substring(Math.min(saved.getPath().length(),
                    request.getContextPath().length()));
            return own.getScheme().equals(saved.getScheme()) && own.getAuthority().equals(saved.getAuthority())
                    && (path.equals(home) || path.startsWith(home + "/"));
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
