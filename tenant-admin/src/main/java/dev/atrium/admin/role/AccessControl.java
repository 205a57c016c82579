package dev.atrium.admin.role;

import java.util.Set;

import org.springframework.stereotype.Service;

import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * What the acting member may do in the bound workspace. Services call {@link #require} before every operation;
 * views only ask {@link #has} to hide what the service would refuse.
 */
@Service
public class AccessControl {

    private final RoleRepository roles;
    private final TenantDsl tenantDsl;

    AccessControl(RoleRepository roles, TenantDsl tenantDsl) {
        this.roles = roles;
        this.tenantDsl = tenantDsl;
    }

    /** The acting member's role, with its permissions. */
    public RoleSummary roleOf(TenantScope scope) {
        return roles.roleOfMember(tenantDsl.of(scope), scope.accountId())
                .orElseThrow(() -> new PermissionDeniedException("membership", "You are no longer a member of this workspace."));
    }

    public boolean has(TenantScope scope, String permission) {
        return roleOf(scope).permissions().contains(permission);
    }

    /** @throws PermissionDeniedException when the acting member's role lacks the permission */
    public RoleSummary require(TenantScope scope, String permission) {
        RoleSummary role = roleOf(scope);
        if (!role.permissions().contains(permission)) {
            throw new PermissionDeniedException(permission,
                    "Your role (" + role.name() + ") does not allow this (" + permission + ").");
        }
        return role;
    }

    /**
     * Refuses handing out a role that could do more than the acting member: no one grants a permission they do not
     * hold, and only an Owner makes someone Owner.
     */
    public void requireAssignable(TenantScope scope, RoleSummary actingRole, RoleSummary target) {
        if (target.isOwner() && !actingRole.isOwner()) {
            throw new PermissionDeniedException(Permissions.OWNER_ROLE, "Only an Owner can make someone an Owner.");
        }
        Set<String> beyond = new java.util.TreeSet<>(target.permissions());
        beyond.removeAll(actingRole.permissions());
        if (!beyond.isEmpty()) {
            throw new PermissionDeniedException(beyond.iterator().next(), "The role " + target.name()
                    + " can do more than your own role (" + String.join(", ", beyond) + "), so you cannot give it.");
        }
    }
}
