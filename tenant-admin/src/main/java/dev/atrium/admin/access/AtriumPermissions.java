package dev.atrium.admin.access;

import static dev.atrium.admin.access.BuiltInRoles.ADMIN;
import static dev.atrium.admin.access.BuiltInRoles.MEMBER;

import java.util.List;
import java.util.Set;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Atrium's own permissions, by area, each with the weakest built-in role that holds it. Guests hold none. */
@Component
@Order(0)
class AtriumPermissions implements PermissionContributor {

    private static final String MEMBERS = "Members";
    private static final String ROLES = "Roles";
    private static final String AUDIT = "Audit log";
    private static final String WORKSPACE = "Workspace";

    @Override
    public List<Permission> permissions() {
        return List.of(
                new Permission(Permissions.MEMBERS_VIEW, MEMBERS, "View members", "See who is in the workspace and their roles.", Set.of(MEMBER)),
                new Permission(Permissions.MEMBERS_INVITE, MEMBERS, "Invite people", "Invite people by e-mail or link, with a role no stronger than one's own.", Set.of(ADMIN)),
                new Permission(Permissions.INVITATIONS_MANAGE, MEMBERS, "Manage invitations", "Resend and cancel pending invitations.", Set.of(ADMIN)),
                new Permission(Permissions.MEMBERS_CHANGE_ROLE, MEMBERS, "Change roles", "Give members another role, no stronger than one's own.", Set.of(ADMIN)),
                new Permission(Permissions.MEMBERS_REMOVE, MEMBERS, "Remove members", "Remove members from the workspace.", Set.of(ADMIN)),
                new Permission(Permissions.ROLES_VIEW, ROLES, "View roles", "See the roles and what each allows.", Set.of(MEMBER)),
                new Permission(Permissions.ROLES_MANAGE, ROLES, "Manage roles", "Create, edit and delete custom roles, with permissions one holds.", Set.of(ADMIN)),
                new Permission(Permissions.AUDIT_VIEW, AUDIT, "View the audit log", "Read who changed what, and when.", Set.of(ADMIN)),
                new Permission(Permissions.AUDIT_EXPORT, AUDIT, "Export the audit log", "Download the audit log as CSV or JSON Lines.", Set.of(ADMIN)),
                new Permission(Permissions.AUDIT_SETTINGS, AUDIT, "Audit settings", "Change how long audit events are kept.", Set.of()),
                new Permission(Permissions.WORKSPACE_SETTINGS, WORKSPACE, "Workspace settings", "Change the workspace's settings, such as invitation expiry.", Set.of(ADMIN)),
                new Permission(Permissions.WORKSPACE_MANAGE_SSO, WORKSPACE, "Manage domains and single sign-on", "Add, verify and remove the workspace's domains.", Set.of(ADMIN)),
                new Permission(Permissions.WORKSPACE_DELETE, WORKSPACE, "Delete the workspace", "Delete the workspace and all its data.", Set.of()),
                new Permission(Permissions.WORKSPACE_TRANSFER_OWNERSHIP, WORKSPACE, "Transfer ownership", "Make another member Owner.", Set.of()));
    }
}
