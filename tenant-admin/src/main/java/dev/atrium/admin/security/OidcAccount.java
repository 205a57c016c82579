package dev.atrium.admin.security;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.user.OAuth2User;

import dev.atrium.admin.sso.SsoSession;

/**
 * A person signed in through OpenID Connect (an app-wide provider or a workspace's OIDC connection): the principal of
 * their session. It keeps what Atrium uses after the sign-in and nothing else: not the ID token, its claims, the user
 * info or the access token, which would cost every open session kilobytes (see README, Benchmarks). {@code name} is the
 * identity provider's subject, as Spring Security's own OIDC principal names itself.
 */
public record OidcAccount(UUID accountId, String displayName, String email, @Nullable SsoSession session, String name,
        List<GrantedAuthority> authorities) implements SignedInAccount, OAuth2User, Serializable {

    @Override
    public Optional<SsoSession> sso() {
        return Optional.ofNullable(session);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<GrantedAuthority> getAuthorities() {
        return authorities;
    }

    /** None: the identity provider's claims were used at sign-in and are not kept. */
    @Override
    public Map<String, Object> getAttributes() {
        return Map.of();
    }
}
