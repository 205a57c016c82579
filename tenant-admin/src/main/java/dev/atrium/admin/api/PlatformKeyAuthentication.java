package dev.atrium.admin.api;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.atrium.admin.tenancy.Actor;

/** A request authenticated by a platform API key: no workspace is bound; its principal is the key, as an actor. */
final class PlatformKeyAuthentication extends AbstractAuthenticationToken {

    static final GrantedAuthority AUTHORITY = new SimpleGrantedAuthority("API_PLATFORM_KEY");

    private final transient Actor.ApiKey key;

    PlatformKeyAuthentication(Actor.ApiKey key) {
        super(List.of(AUTHORITY));
        this.key = key;
        setAuthenticated(true);
    }

    @Override
    public Actor.ApiKey getPrincipal() {
        return key;
    }

    /** The secret is not kept. */
    @Override
    public Object getCredentials() {
        return "";
    }
}
