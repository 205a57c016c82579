package dev.atrium.admin.security;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.sso.SsoSession;

/**
 * What {@link AccountOidcUserService} answers Spring Security at an OIDC sign-in: the identity provider's user with the
 * Atrium account created or refreshed from it. It lives for the sign-in callback only; the session keeps the
 * {@link OidcAccount} made from it ({@link AccountOidcUserService#sessionAuthentication}).
 */
class AccountUser extends DefaultOidcUser {

    private final Account account;
    private final @Nullable SsoSession sso;

    AccountUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, @Nullable OidcUserInfo userInfo,
            Account account, @Nullable SsoSession sso) {
        super(authorities, idToken, userInfo);
        this.account = account;
        this.sso = sso;
    }

    /** The session's principal, with the authorities the session's authentication holds. */
    OidcAccount signedIn(List<GrantedAuthority> authorities) {
        return new OidcAccount(account.id(), account.displayName(), account.email(), sso, getName(), authorities);
    }
}
