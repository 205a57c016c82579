package dev.atrium.admin.api;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

import dev.atrium.admin.tenancy.TenantScope;

/** A request authenticated by an API key: its principal is the key's workspace, bound to the key. */
final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final transient TenantScope scope;

    ApiKeyAuthentication(TenantScope scope) {
        super(List.of());
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
