package dev.atrium.admin.api;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import dev.atrium.admin.tenancy.TenantScope;

/** A request authenticated by an API key: its principal is the key's workspace, bound to the key. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    static final GrantedAuthority AUTHORITY = new SimpleGrantedAuthority("API_WORKSPACE_KEY");

    private final transient TenantScope scope;

    ApiKeyAuthentication(TenantScope scope) {
        super(List.of(AUTHORITY));
        this.scope = scope;
        setAuthenticated(true);
    }

    @Override
    public TenantScope getPrincipal() {
        return scope;
    }

    /** The secret is not kept. */
    @Override
    public Object getCredentials() {
        return "";
    }
}
