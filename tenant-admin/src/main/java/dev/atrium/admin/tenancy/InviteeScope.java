package dev.atrium.admin.tenancy;

import java.util.UUID;

/**
 * A workspace bound to an account that is joining it by invitation and is not a member yet. Only
 * {@link TenantBinder#bindInvitee} creates one. It is not a {@link TenantScope}: no member operation takes it, only
 * what accepting an invitation needs (SQL on the workspace, {@code AuditLog}, {@code AccessControl.canAssignNow},
 * {@code Memberships.join}).
 */
public final class InviteeScope extends WorkspaceBinding {

    private final UUID accountId;

    InviteeScope(BoundWorkspace workspace, UUID accountId) {
        super(workspace);
        this.accountId = accountId;
    }

    /** The account joining; it acts as a person ({@link Actor.Member}) in the events it causes. */
    public UUID accountId() {
        return accountId;
    }

    @Override
    public String toString() {
        return "InviteeScope[" + slug() + ", account " + accountId + "]";
    }
}
