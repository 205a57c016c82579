package dev.atrium.admin.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import dev.atrium.admin.sso.SsoTestTicket;

/**
 * Who is signed in to a request's HTTP session, read from the session itself: during a sign-in callback (also a failed
 * one, after Spring Security cleared the request's context) it is still the session's account.
 */
final class SessionAccounts {

    private SessionAccounts() {
    }

    static Optional<UUID> signedIn(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null
                || !(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) instanceof SecurityContext context)) {
            return Optional.empty();
        }
        Authentication authentication = context.getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof SignedInAccount account
                ? Optional.of(account.accountId()) : Optional.empty();
    }

    /** The Test connection this session's signed-in admin started for the workspace, if one is pending. */
    static Optional<SsoTestTicket> pendingTest(HttpServletRequest request, UUID workspaceId) {
        HttpSession session = request.getSession(false);
        if (session == null || !(session.getAttribute(SsoTestTicket.SESSION_ATTRIBUTE) instanceof SsoTestTicket ticket)
                || !ticket.workspaceId().equals(workspaceId)) {
            return Optional.empty();
        }
        return signedIn(request).filter(ticket.accountId()::equals).map(account -> ticket);
    }
}
