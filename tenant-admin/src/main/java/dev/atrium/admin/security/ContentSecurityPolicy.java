package dev.atrium.admin.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.security.web.header.HeaderWriter;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Content-Security-Policy of every response, the tightest Vaadin Flow 25.2 runs under. Scripts come from Atrium
 * itself or carry the response's nonce: Vaadin's bootstrap page starts the client engine with inline scripts, which
 * get the nonce here (an injected script does not have it). The engine runs the JavaScript the server sends
 * (executeJs, event data) by constructing functions, hence 'unsafe-eval'. Components set inline styles. Everything
 * else comes from Atrium (Lumo's icons and fonts partly as data: URLs); nothing may frame it, no plugin runs, forms
 * post only to Atrium. ('unsafe-inline' is for browsers without nonces; the others ignore it when a nonce is given.)
 */
class ContentSecurityPolicy implements HeaderWriter, VaadinServiceInitListener {

    static final String POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'nonce-%s' 'unsafe-inline' 'unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    private static final String NONCE = ContentSecurityPolicy.class.getName() + ".nonce";

    private final SecureRandom random = new SecureRandom();

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        String encoded = Base64.getEncoder().encodeToString(nonce);
        request.setAttribute(NONCE, encoded);
        response.setHeader("Content-Security-Policy", POLICY.formatted(encoded));
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.addIndexHtmlRequestListener(page -> {
            Object nonce = page.getVaadinRequest().getAttribute(NONCE);
            if (nonce != null) {
                page.getDocument().getElementsByTag("script").attr("nonce", nonce.toString());
            }
        });
    }
}
