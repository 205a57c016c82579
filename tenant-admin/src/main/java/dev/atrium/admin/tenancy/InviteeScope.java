package dev.atrium.admin.tenancy;

import java.util.UUID;

/**
 * A workspace bound to an account that is joining it by invitation and is not a member yet. Only
 * {@link TenantBinder#bindInvitee} creates one. It is not a {@link TenantScope}: no member operation takes it, only
 * what accepting an invitation needs (SQL on the workspace, {@code AuditLog}, {@code AccessControl.canAssignNow},
 * {@code Memberships.join}).
 */
public final class InviteeScope {

    private final UUID workspaceId;
    private final String slug;
    private final String workspaceName;
    private final String schemaName;
    private final UUID accountId;

    InviteeScope(UUID workspaceId, String slug, String workspaceName, String schemaName, UUID accountId) {
        this.workspaceId = workspaceId;
        this.slug = slug;
        this.workspaceName = workspaceName;
        this.schemaName = schemaName;
        this.accountId = accountId;
    }

    public UUID workspaceId() {
        return workspaceId;
    }

    public String slug() {
        return slug;
    }

    public String workspaceName() {
        return workspaceName;
    }

    /** The account joining; it acts as a person ({@link Actor.Member}) in the events it causes. */
    public UUID accountId() {
        return accountId;
    }

    String schemaName() {
        return schemaName;
    }

    @Override
    public String toString() {
        return "InviteeScope[" + slug + ", account " + accountId + "]";
    }
}
