package dev.atrium.admin.security;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.HtmlUtils;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.audit.SessionAudit;
import dev.atrium.admin.i18n.AtriumTranslations;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.sso.SamlService;
import dev.atrium.admin.sso.SsoConnectionTests;
import dev.atrium.admin.sso.SsoTestResult;
import dev.atrium.admin.sso.SsoTestTicket;
import dev.atrium.admin.sso.SsoIdentity;
import dev.atrium.admin.sso.SsoSignIn;
import dev.atrium.admin.sso.SsoSignInService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * The service-provider side of a workspace's SAML connection, at {@code /saml/<workspace id>}: the start of an
 * SP-initiated sign-in ({@code /login}: an AuthnRequest by HTTP-Redirect, its id remembered in the session), the
 * assertion consumer service ({@code /acs}: the POST binding, reachable signed out and without a CSRF token, because
 * the identity provider's page posts it) and the metadata ({@code /metadata}). A checked response signs the person in
 * through {@link SsoSignInService}; the session gets a new id and lands in the workspace. A refusal shows its reason
 * and signs no one in. An admin's Test connection ({@code /test}, with the ticket the settings put in the session)
 * goes the same way but ends on the settings page with what came back, signing no one in.
 */
@Controller
class SamlController {

    private static final Logger log = LoggerFactory.getLogger(SamlController.class);
    static final String PENDING_ATTRIBUTE = "atrium.saml.pending.";
    /** {@link SamlService#testStartPath}. */
    private static final String SAML_TEST = "/saml/{workspaceId}/test";

    /** The AuthnRequest a browser's session is waiting for the answer to; {@code test}: an admin's Test connection. */
    record PendingRequest(String requestId, String relayState, boolean test) implements Serializable {
    }

    private final SamlService saml;
    private final SsoSignInService signIns;
    private final SsoConnectionTests tests;
    private final SessionAudit sessions;
    private final I18NProvider translations;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SamlController(SamlService saml, SsoSignInService signIns, SsoConnectionTests tests, SessionAudit sessions,
            I18NProvider translations) {
        this.saml = saml;
        this.signIns = signIns;
        this.tests = tests;
        this.sessions = sessions;
        this.translations = translations;
    }

    /** {@code ?step-up=mfa} (as the direct link {@code /sso/{slug}} passes it on) asks the IdP to authenticate again. */
    @GetMapping("/saml/{workspaceId}/login")
    void login(@PathVariable UUID workspaceId, @RequestParam(name = "step-up", required = false) @Nullable String stepUp,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            SamlService.SamlRedirect redirect = saml.startSignIn(workspaceId, "mfa".equals(stepUp));
            request.getSession(true).setAttribute(PENDING_ATTRIBUTE + workspaceId,
                    new PendingRequest(redirect.requestId(), redirect.relayState(), false));
            response.sendRedirect(redirect.location());
        } catch (AtriumRefusal refusal) {
            refused(refusal.reason(), request, response);
        }
    }

    /** An admin's Test connection, started from the settings (which put its ticket in the session). */
    @GetMapping(SAML_TEST)
    void test(@PathVariable UUID workspaceId, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (SessionAccounts.pendingTest(request, workspaceId).isEmpty()) {
            refused(Reason.of("sso.test-not-pending"), request, response);
            return;
        }
        try {
            SamlService.SamlRedirect redirect = saml.startTest(workspaceId);
            request.getSession(true).setAttribute(PENDING_ATTRIBUTE + workspaceId,
                    new PendingRequest(redirect.requestId(), redirect.relayState(), true));
            response.sendRedirect(redirect.location());
        } catch (AtriumRefusal refusal) {
            refused(refusal.reason(), request, response);
        }
    }

    @GetMapping("/saml/{workspaceId}/metadata")
    ResponseEntity<String> metadata(@PathVariable UUID workspaceId) {
        try {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/samlmetadata+xml"))
                    .body(saml.spMetadata(workspaceId));
        } catch (AtriumRefusal refusal) {
            return ResponseEntity.notFound().build();
        }
    }

    @PostMapping("/saml/{workspaceId}/acs")
    void acs(@PathVariable UUID workspaceId, @RequestParam("SAMLResponse") String samlResponse,
            @RequestParam(name = "RelayState", required = false) @Nullable String relayState, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        PendingRequest pending = null;
        if (session != null && session.getAttribute(PENDING_ATTRIBUTE + workspaceId) instanceof PendingRequest remembered) {
            session.removeAttribute(PENDING_ATTRIBUTE + workspaceId);
            // The relay state comes back with the answer to our own request; anything else is no answer to it.
            pending = remembered.relayState().equals(relayState) ? remembered : null;
        }
        if (pending != null && pending.test()) {
            testFinished(workspaceId, samlResponse, pending, request, response);
            return;
        }
        try {
            SsoIdentity identity = saml.verify(workspaceId, samlResponse, pending == null ? null : pending.requestId());
            SsoSignIn signIn = signIns.signIn(workspaceId, identity);
            signedIn(new SamlAccount(signIn.account(), signIn.session()), request, response);
            sessions.signedIn(signIn.account().id());
            response.sendRedirect(request.getContextPath() + "/w/" + signIn.workspaceSlug());
        } catch (AtriumRefusal refusal) {
            log.info("SAML sign-in to workspace {} refused: {}", workspaceId, refusal.getMessage());
            refused(refusal.reason(), request, response);
        }
    }

    /**
     * Records what the Test connection brought back (or why it failed) for the admin's settings page, which shows it
     * once; nobody is signed in and the admin's own session stays.
     */
    private void testFinished(UUID workspaceId, String samlResponse, PendingRequest pending, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        Optional<SsoTestTicket> ticket = SessionAccounts.pendingTest(request, workspaceId);
        if (ticket.isEmpty()) {
            refused(Reason.of("sso.test-not-pending"), request, response);
            return;
        }
        SsoTestResult result;
        try {
            result = tests.succeeded(ticket.get(), ticket.get().accountId(), saml.verifyTest(workspaceId, samlResponse, pending.requestId()));
        } catch (AtriumRefusal refusal) {
            try {
                result = tests.failed(ticket.get(), ticket.get().accountId(), refusal.code());
            } catch (AtriumRefusal gone) {
                result = new SsoTestResult(workspaceId, false, Map.of(), gone.code());
            }
        }
        request.getSession().setAttribute(SsoTestResult.SESSION_ATTRIBUTE, result);
        response.sendRedirect(request.getContextPath() + "/w/" + ticket.get().slug() + "/settings");
    }

    /** A new session id (against fixation), holding the signed-in account for Spring Security and Vaadin. */
    private void signedIn(SamlAccount account, HttpServletRequest request, HttpServletResponse response) {
        request.getSession(true);
        request.changeSessionId();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(account, null,
                List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
    }

    /** A plain page with the refusal's reason in the browser's language. */
    private void refused(Reason refusal, HttpServletRequest request, HttpServletResponse response) throws IOException {
        Locale locale = AtriumTranslations.supported(request.getLocale());
        Object[] args = refusal.args(key -> translations.getTranslation(key, locale));
        String title = HtmlUtils.htmlEscape(translations.getTranslation("sso.saml.refused.title", locale));
        String reason = HtmlUtils.htmlEscape(translations.getTranslation(refusal.messageKey(), locale, args));
        String back = HtmlUtils.htmlEscape(translations.getTranslation("sso.saml.refused.back", locale));
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="%s"><head><meta charset="utf-8"><title>%s</title>
                <link rel="stylesheet" href="%s/styles/atrium.css"></head>
                <body><main class="atrium-centered"><h1>%s</h1><p id="sso-refusal" data-code="%s">%s</p>
                <p><a href="%s/">%s</a></p></main></body></html>
                """.formatted(locale.getLanguage(), title, request.getContextPath(), title, HtmlUtils.htmlEscape(refusal.code()),
                reason, request.getContextPath(), back));
    }
}
