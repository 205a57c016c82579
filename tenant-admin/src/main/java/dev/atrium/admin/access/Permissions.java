package dev.atrium.admin.access;

/** Keys of Atrium's own permissions, as stored with each role. */
public final class Permissions {

    public static final String WORKSPACE_SETTINGS = "workspace.settings";
    public static final String WORKSPACE_DELETE = "workspace.delete";
    public static final String WORKSPACE_TRANSFER_OWNERSHIP = "workspace.transfer_ownership";
    public static final String WORKSPACE_MANAGE_SSO = "workspace.manage_sso";
    public static final String MEMBERS_VIEW = "members.view";
    public static final String MEMBERS_INVITE = "members.invite";
    public static final String INVITATIONS_MANAGE = "invitations.manage";
    public static final String MEMBERS_CHANGE_ROLE = "members.change_role";
    public static final String MEMBERS_REMOVE = "members.remove";
    public static final String ROLES_VIEW = "roles.view";
    public static final String ROLES_MANAGE = "roles.manage";
    public static final String AUDIT_VIEW = "audit.view";
    public static final String AUDIT_EXPORT = "audit.export";
    public static final String AUDIT_SETTINGS = "audit.settings";
    public static final String WEBHOOKS_MANAGE = "webhooks.manage";
    public static final String API_KEYS_MANAGE = "api_keys.manage";

    private Permissions() {
    }
}
