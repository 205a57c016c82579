package dev.atrium.admin.access;

import static dev.atrium.admin.access.BuiltInRoles.ADMIN;
import static dev.atrium.admin.access.BuiltInRoles.MEMBER;

import java.util.List;
import java.util.Set;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Atrium's own permissions, by area, each with the weakest built-in role that holds it. Guests hold none. Their names
 * and descriptions are in Atrium's bundle ({@link Permission#nameKey()}).
 */
@Component
@Order(0)
class AtriumPermissions implements PermissionContributor {

    private static final String MEMBERS = "members";
    private static final String ROLES = "roles";
    private static final String AUDIT = "audit-log";
    private static final String WORKSPACE = "workspace";

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission(Permissions.MEMBERS_VIEW, MEMBERS, Set.of(MEMBER)),
                new Permission(Permissions.MEMBERS_INVITE, MEMBERS, Set.of(ADMIN)),
                new Permission(Permissions.INVITATIONS_MANAGE, MEMBERS, Set.of(ADMIN)),
                new Permission(Permissions.MEMBERS_CHANGE_ROLE, MEMBERS, Set.of(ADMIN)),
                new Permission(Permissions.MEMBERS_REMOVE, MEMBERS, Set.of(ADMIN)),
                new Permission(Permissions.ROLES_VIEW, ROLES, Set.of(MEMBER)),
                new Permission(Permissions.ROLES_MANAGE, ROLES, Set.of(ADMIN)),
                new Permission(Permissions.AUDIT_VIEW, AUDIT, Set.of(ADMIN)),
                new Permission(Permissions.AUDIT_EXPORT, AUDIT, Set.of(ADMIN)),
                new Permission(Permissions.AUDIT_SETTINGS, AUDIT, Set.of()),
                new Permission(Permissions.WORKSPACE_SETTINGS, WORKSPACE, Set.of(ADMIN)),
                new Permission(Permissions.WORKSPACE_MANAGE_SSO, WORKSPACE, Set.of(ADMIN)),
                new Permission(Permissions.WEBHOOKS_MANAGE, WORKSPACE, Set.of(ADMIN)),
                new Permission(Permissions.API_KEYS_MANAGE, WORKSPACE, Set.of(ADMIN)),
                new Permission(Permissions.WORKSPACE_DELETE, WORKSPACE, Set.of()),
                new Permission(Permissions.WORKSPACE_TRANSFER_OWNERSHIP, WORKSPACE, Set.of()));
    }
}
