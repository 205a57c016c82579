package dev.atrium.app.web;

import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.atrium.admin.audit.AuditRequestContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Audit events' origin: the current request's client address (behind a proxy, set server.forward-headers-strategy),
 * user agent and request id; nothing outside a request (scheduled jobs).
 */
@Component
class RequestAuditContext implements AuditRequestContext {

    private static final int MAX_USER_AGENT = 500;

    @Override
    public Origin current() {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)) {
            return Origin.NONE;
        }
        HttpServletRequest request = attributes.getRequest();
        String userAgent = request.getHeader("User-Agent");
        return new Origin(request.getRemoteAddr(),
                userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), MAX_USER_AGENT)),
                (String) request.getAttribute(RequestIdFilter.ATTRIBUTE));
    }
}
