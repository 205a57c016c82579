package dev.atrium.admin.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.authentication.OAuth2LoginAuthenticationToken;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.audit.SessionAudit;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.sso.SsoConnectionTests;
import dev.atrium.admin.sso.SsoDirectory;
import dev.atrium.admin.sso.SsoIdentity;
import dev.atrium.admin.sso.SsoPolicyService;
import dev.atrium.admin.sso.SsoSignIn;
import dev.atrium.admin.sso.SsoSignInService;
import dev.atrium.admin.sso.SsoTestResult;
import dev.atrium.admin.sso.SsoTestTicket;

/**
 * On every OIDC sign-in, after Spring Security checked the ID token (signature, issuer, audience, nonce):
 * <ul>
 * <li>an app-wide provider: the account is created (first time) or refreshed from the ID token; an operator (see
 * {@link Operators}) also gets the operator role;
 * <li>a workspace's connection ({@code sso-<workspace id>}): what the identity provider said goes to
 * {@link SsoSignInService}, which applies the linking rules and may add the person to the workspace; a refusal ends
 * the sign-in with its reason. Operators are recognised through the app-wide providers only;
 * <li>a Test connection ({@code sso-test-<workspace id>}): nobody is signed in. The claims are recorded for the admin
 * who started the test in this session, and the callback ends with {@link SignInFailures#TEST_FINISHED}, so the
 * admin's own session stays as it was.
 * </ul>
 * The session keeps a slim {@link OidcAccount} instead of the identity provider's user ({@link #sessionAuthentication}).
 */
class AccountOidcUserService extends OidcUserService {

    /** The OAuth2 error code of a sign-in refused by Atrium's rules; the description is the refusal's code. */
    static final String REFUSED = "atrium_refused";

    private final AccountService accounts;
    private final SessionAudit sessions;
    private final Operators operators;
    private final SsoSignInService ssoSignIns;
    private final SsoConnectionTests tests;
    private final SsoPolicyService policies;

    AccountOidcUserService(AccountService accounts, SessionAudit sessions, Operators operators, SsoSignInService ssoSignIns,
            SsoConnectionTests tests, SsoPolicyService policies) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.operators = operators;
        this.ssoSignIns = ssoSignIns;
        this.tests = tests;
        this.policies = policies;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        String registrationId = request.getClientRegistration().getRegistrationId();
        Optional<UUID> tested = SsoDirectory.testWorkspace(registrationId);
        if (tested.isPresent()) {
            // Before anything else: a test that is not pending ends here, without asking the provider for more.
            SsoTestTicket ticket = SessionAccounts.pendingTest(currentRequest(), tested.get())
                    .orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error("atrium_sso_test_not_pending")));
            throw testFinished(ticket, super.loadUser(request));
        }
        OidcUser user = super.loadUser(request);
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            throw new OAuth2AuthenticationException(new OAuth2Error("missing_email",
                    "Your identity provider did not share an e-mail address; Atrium needs one.", null));
        }
        boolean emailVerified = Boolean.TRUE.equals(user.getEmailVerified());
        Optional<UUID> workspaceId = SsoDirectory.signInWorkspace(registrationId);
        if (workspaceId.isPresent()) {
            // Entra ID sends no email_verified; its optional xms_edov claim says the same of a domain-owner-verified address.
            boolean verifiedByIdp = emailVerified || Boolean.TRUE.equals(user.getClaimAsBoolean("xms_edov"));
            SsoSignIn signIn = refusable(() -> ssoSignIns.signIn(workspaceId.get(),
                    identity(user, verifiedByIdp, policies.groupClaim(workspaceId.get()))));
            sessions.signedIn(signIn.account().id());
            return new AccountUser(user.getAuthorities(), user.getIdToken(), user.getUserInfo(), signIn.account(), signIn.session());
        }
        Account account = refusable(() -> accounts.signIn(new OidcIdentity(user.getIssuer().toString(), user.getSubject(),
                user.getEmail(), emailVerified, user.getFullName())));
        sessions.signedIn(account.id());
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        if (operators.isOperator(user)) {
            authorities.add(Operators.AUTHORITY);
        }
        return new AccountUser(authorities, user.getIdToken(), user.getUserInfo(), account, null);
    }

    /**
     * The authentication the session keeps after an OIDC sign-in: an {@link OidcAccount} as principal, and the
     * authorities without the ID token and user info that Spring Security's OIDC authority carries (its name, e.g.
     * {@code OIDC_USER}, stays). The access and refresh tokens are not kept either ({@link SignInTokensNotKept}).
     */
    static OAuth2AuthenticationToken sessionAuthentication(OAuth2LoginAuthenticationToken login) {
        String registrationId = login.getClientRegistration().getRegistrationId();
        if (!(login.getPrincipal() instanceof AccountUser user)) {
            return new OAuth2AuthenticationToken(login.getPrincipal(), login.getAuthorities(), registrationId);
        }
        List<GrantedAuthority> authorities = login.getAuthorities().stream().map(AccountOidcUserService::withoutClaims).toList();
        return new OAuth2AuthenticationToken(user.signedIn(authorities), authorities, registrationId);
    }

    private static GrantedAuthority withoutClaims(GrantedAuthority authority) {
        return authority instanceof OAuth2UserAuthority ? new SimpleGrantedAuthority(authority.getAuthority()) : authority;
    }

    /** A refusal ends the sign-in with its reason, which the sign-in page shows ({@link SignInFailures}). */
    private static <T> T refusable(Supplier<T> signIn) {
        try {
            return signIn.get();
        } catch (AtriumRefusal refusal) {
            throw new OAuth2AuthenticationException(new OAuth2Error(REFUSED, refusal.code(), null), refusal.code(), refusal);
        }
    }

    /** Records the test's claims for the admin's settings page; what ends the callback without signing anyone in. */
    private OAuth2AuthenticationException testFinished(SsoTestTicket ticket, OidcUser user) {
        Map<String, Object> claims = new LinkedHashMap<>(user.getClaims());
        // Values the ID token carries for the protocol only, not about the person.
        claims.keySet().removeAll(List.of("nonce", "at_hash", "c_hash"));
        SsoTestResult result;
        try {
            result = tests.succeeded(ticket, ticket.accountId(), claims);
        } catch (AtriumRefusal refusal) {
            result = new SsoTestResult(ticket.workspaceId(), false, Map.of(), refusal.code());
        }
        currentRequest().getSession().setAttribute(SsoTestResult.SESSION_ATTRIBUTE, result);
        return new OAuth2AuthenticationException(new OAuth2Error(SignInFailures.TEST_FINISHED));
    }

    /** What the identity provider said, as the sign-in service takes it. */
    static SsoIdentity identity(OidcUser user, boolean emailVerified, String groupClaim) {
        List<String> methods = new ArrayList<>(strings(user.getClaims().get("amr")));
        if (user.getAuthenticationContextClass() != null) {
            methods.add(user.getAuthenticationContextClass());
        }
        return new SsoIdentity(user.getIssuer().toString(), user.getSubject(), user.getEmail(), emailVerified,
                user.getFullName(), user.getClaimAsString("hd"), strings(user.getClaims().get(groupClaim)), methods);
    }

    /** A claim that is a list of strings, or one string; anything else counts as none. */
    private static List<String> strings(@Nullable Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return claim instanceof String value ? List.of(value) : List.of();
    }

    private static HttpServletRequest currentRequest() {
        return ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    }
}
