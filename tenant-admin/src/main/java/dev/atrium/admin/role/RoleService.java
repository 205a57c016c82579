package dev.atrium.admin.role;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/** The workspace's roles, for pickers and for the services that assign them. */
@Service
public class RoleService {

    private final RoleRepository roles;
    private final TenantDsl tenantDsl;
    private final AccessControl access;

    RoleService(RoleRepository roles, TenantDsl tenantDsl, AccessControl access) {
        this.roles = roles;
        this.tenantDsl = tenantDsl;
        this.access = access;
    }

    /** Every role of the workspace, built-in first. */
    public List<RoleSummary> roles(TenantScope scope) {
        access.require(scope, Permissions.MEMBERS_VIEW);
        return roles.all(tenantDsl.of(scope));
    }

    /** The roles the acting member may give to others: none that could do more than their own. */
    public List<RoleSummary> assignableRoles(TenantScope scope) {
        RoleSummary own = access.roleOf(scope);
        return roles.all(tenantDsl.of(scope)).stream()
                .filter(role -> (!role.isOwner() || own.isOwner()) && own.permissions().containsAll(role.permissions()))
                .toList();
    }

    public Optional<RoleSummary> find(TenantScope scope, UUID roleId) {
        return roles.find(tenantDsl.of(scope), roleId);
    }
}
