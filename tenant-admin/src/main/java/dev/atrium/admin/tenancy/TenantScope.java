package dev.atrium.admin.tenancy;

import java.util.UUID;

/**
 * A workspace bound to the member who works in it. Only {@link TenantBinder} creates one, after checking the
 * membership, so holding a scope is proof of access; {@link TenantDsl} turns it into SQL on the workspace's schema.
 */
public final class TenantScope {

    private final UUID workspaceId;
    private final String slug;
    private final String workspaceName;
    private final String schemaName;
    private final UUID accountId;

    TenantScope(UUID workspaceId, String slug, String workspaceName, String schemaName, UUID accountId) {
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

    /** The member acting in this workspace. */
    public UUID accountId() {
        return accountId;
    }

    String schemaName() {
        return schemaName;
    }

    @Override
    public String toString() {
        return "TenantScope[" + slug + ", account " + accountId + "]";
    }
}
