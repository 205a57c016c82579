package dev.atrium.admin.security;

import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.sso.SsoSession;

/**
 * A person signed in through OpenID Connect (an app-wide provider or a workspace's OIDC connection), carrying the
 * Atrium account created or refreshed at sign-in.
 */
public class AccountUser extends DefaultOidcUser implements SignedInAccount {

    private final UUID accountId;
    private final String displayName;
    private final String email;
    private final @Nullable SsoSession sso;

    AccountUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
            Account account, @Nullable SsoSession sso) {
        super(authorities, idToken, userInfo);
        this.accountId = account.id();
        this.displayName = account.displayName();
        this.email = account.email();
        this.sso = sso;
    }

    @Override
    public UUID accountId() {
        return accountId;
    }

    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public String email() {
        return email;
    }

    @Override
    public Optional<SsoSession> sso() {
        return Optional.ofNullable(sso);
    }
}
