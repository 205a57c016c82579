package dev.atrium.admin.tenancy;

import java.util.UUID;

/**
 * A workspace bound by {@link TenantBinder} to whoever acts in it: a {@link TenantScope} (member, system, API key) or
 * an {@link InviteeScope} (someone joining). Only the binder makes one, so holding it is proof of access.
 */
public abstract sealed class WorkspaceBinding permits TenantScope, InviteeScope {

    private final BoundWorkspace workspace;

    WorkspaceBinding(BoundWorkspace workspace) {
        this.workspace = workspace;
    }

    public UUID workspaceId() {
        return workspace.id();
    }

    public String slug() {
        return workspace.slug();
    }

    public String workspaceName() {
        return workspace.name();
    }

    String schemaName() {
        return workspace.schemaName();
    }

    BoundWorkspace workspace() {
        return workspace;
    }
}
