package dev.atrium.admin.web;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import com.vaadin.flow.server.VaadinRequest;

import dev.atrium.admin.audit.AuditRequestContext;

/**
 * Audit events' origin: the current request's client address (behind a proxy, set server.forward-headers-strategy),
 * user agent and request id; nothing outside a request (scheduled jobs). Vaadin's UI requests do not bind Spring's
 * request context, so Vaadin's current request is asked first.
 */
class RequestAuditContext implements AuditRequestContext {

    private static final int MAX_USER_AGENT = 500;

    @Override
    public Origin current() {
        VaadinRequest vaadin = VaadinRequest.getCurrent();
        if (vaadin != null) {
            return origin(vaadin.getRemoteAddr(), vaadin.getHeader("User-Agent"), vaadin.getAttribute(RequestIdFilter.ATTRIBUTE));
        }
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            var request = attributes.getRequest();
            return origin(request.getRemoteAddr(), request.getHeader("User-Agent"), request.getAttribute(RequestIdFilter.ATTRIBUTE));
        }
        return Origin.NONE;
    }

    private static Origin origin(String address, String userAgent, Object requestId) {
        return new Origin(address, userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), MAX_USER_AGENT)),
                (String) requestId);
    }
}
