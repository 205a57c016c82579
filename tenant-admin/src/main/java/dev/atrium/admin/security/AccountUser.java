package dev.atrium.admin.security;

import java.util.Collection;
import java.util.UUID;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import dev.atrium.admin.account.Account;

/** The signed-in OIDC user, carrying the Atrium account created or refreshed at sign-in. */
public class AccountUser extends DefaultOidcUser {

    private final UUID accountId;
    private final String displayName;

    AccountUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
            Account account) {
        super(authorities, idToken, userInfo);
        this.accountId = account.id();
        this.displayName = account.displayName();
    }

    public UUID accountId() {
        return accountId;
    }

    public String displayName() {
        return displayName;
    }
}
