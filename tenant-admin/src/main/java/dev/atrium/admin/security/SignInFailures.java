package dev.atrium.admin.security;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.sso.SsoConnectionTests;
import dev.atrium.admin.sso.SsoDirectory;
import dev.atrium.admin.sso.SsoTestResult;
import dev.atrium.admin.sso.SsoTestTicket;

/**
 * A sign-in callback that did not sign anyone in. The end of a Test connection (it never signs in: see
 * {@link AccountOidcUserService}) and any failure of a pending test's callback go back to the workspace's settings,
 * which show the result; the admin's own session is untouched. Any other failure goes to the sign-in page, which shows
 * the reason in the reader's language ({@link LoginView}).
 */
class SignInFailures implements AuthenticationFailureHandler {

    /** The error code with which a Test connection's callback ends once its result is recorded. */
    static final String TEST_FINISHED = "atrium_sso_test_finished";
    private static final Logger log = LoggerFactory.getLogger(SignInFailures.class);

    private final SsoConnectionTests tests;
    private final RequestMatcher callback = PathPatternRequestMatcher.withDefaults().matcher("/login/oauth2/code/{registrationId}");
    private final RedirectStrategy redirect = new DefaultRedirectStrategy();

    SignInFailures(SsoConnectionTests tests) {
        this.tests = tests;
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
            throws IOException, ServletException {
        Optional<SsoTestTicket> test = pendingTest(request);
        if (test.isPresent()) {
            SsoTestTicket ticket = test.get();
            request.getSession().removeAttribute(SsoTestTicket.SESSION_ATTRIBUTE);
            if (!isFinishedTest(exception)) {
                request.getSession().setAttribute(SsoTestResult.SESSION_ATTRIBUTE, failed(ticket, exception));
            }
            redirect.sendRedirect(request, response, "/w/" + ticket.slug() + "/settings");
            return;
        }
        log.info("Sign-in failed: {}", exception.getMessage());
        request.getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION, exception);
        redirect.sendRedirect(request, response, "/" + LoginView.ROUTE + "?error");
    }

    /** The test pending in this session for the workspace whose callback this is, started by its signed-in admin. */
    private Optional<SsoTestTicket> pendingTest(HttpServletRequest request) {
        RequestMatcher.MatchResult match = callback.matcher(request);
        if (!match.isMatch()) {
            return Optional.empty();
        }
        Optional<UUID> workspaceId = SsoDirectory.signInWorkspace(match.getVariables().get("registrationId"));
        return workspaceId.flatMap(id -> SessionAccounts.pendingTest(request, id));
    }

    private SsoTestResult failed(SsoTestTicket ticket, AuthenticationException exception) {
        String failure = exception instanceof OAuth2AuthenticationException oauth ? describe(oauth.getError()) : exception.getMessage();
        try {
            return tests.failed(ticket, ticket.accountId(), failure);
        } catch (AtriumRefusal refusal) {
            return new SsoTestResult(ticket.workspaceId(), false, Map.of(), refusal.code());
        }
    }

    private static boolean isFinishedTest(AuthenticationException exception) {
        return exception instanceof OAuth2AuthenticationException oauth && TEST_FINISHED.equals(oauth.getError().getErrorCode());
    }

    private static String describe(OAuth2Error error) {
        return error.getDescription() == null ? error.getErrorCode() : error.getErrorCode() + ": " + error.getDescription();
    }
}
