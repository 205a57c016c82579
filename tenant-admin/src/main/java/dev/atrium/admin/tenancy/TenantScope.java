package dev.atrium.admin.tenancy;

import java.util.UUID;

/**
 * A workspace bound to the {@link Actor} who acts in it. Only {@link TenantBinder} creates one — for a member after
 * checking the membership, for the system only on the system's own paths — so holding a scope is proof of access;
 * {@link TenantDsl} turns it into SQL on the workspace's schema.
 */
public final class TenantScope {

    private final UUID workspaceId;
    private final String slug;
    private final String workspaceName;
    private final String schemaName;
    private final Actor actor;

    TenantScope(UUID workspaceId, String slug, String workspaceName, String schemaName, Actor actor) {
        this.workspaceId = workspaceId;
        this.slug = slug;
        this.workspaceName = workspaceName;
        this.schemaName = schemaName;
        this.actor = actor;
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

    public Actor actor() {
        return actor;
    }

    /**
     * The member acting in this workspace. Services call it after their permission check, which only a member
     * passes (see {@code AccessControl}).
     *
     * @throws IllegalStateException when the actor is not a member
     */
    public UUID accountId() {
        if (actor instanceof Actor.Member member) {
            return member.accountId();
        }
        throw new IllegalStateException("The actor of " + this + " is not a member");
    }

    String schemaName() {
        return schemaName;
    }

    @Override
    public String toString() {
        return "TenantScope[" + slug + ", " + actor + "]";
    }
}
