package dev.atrium.admin.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.audit.SessionAudit;

/**
 * On every OIDC sign-in: the account is created (first time) or refreshed from the ID token; an operator (see
 * {@link Operators}) also gets the operator role.
 */
class AccountOidcUserService extends OidcUserService {

    private final AccountService accounts;
    private final SessionAudit sessions;
    private final Operators operators;

    AccountOidcUserService(AccountService accounts, SessionAudit sessions, Operators operators) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.operators = operators;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
        OidcUser user = super.loadUser(request);
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            throw new OAuth2AuthenticationException(new OAuth2Error("missing_email",
                    "Your identity provider did not share an e-mail address; Atrium needs one.", null));
        }
        boolean emailVerified = Boolean.TRUE.equals(user.getEmailVerified());
        Account account = accounts.signIn(new OidcIdentity(user.getIssuer().toString(), user.getSubject(),
                user.getEmail(), emailVerified, user.getFullName()));
        sessions.signedIn(account.id());
        List<GrantedAuthority> authorities = new ArrayList<>(user.getAuthorities());
        if (operators.isOperator(user)) {
            authorities.add(Operators.AUTHORITY);
        }
        return new AccountUser(authorities, user.getIdToken(), user.getUserInfo(), account, null);
    }
}
