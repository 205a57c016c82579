package dev.atrium.admin.tenancy;

import java.util.UUID;

/**
 * A workspace bound to the {@link Actor} who acts in it. Only {@link TenantBinder} creates one — for a member after
 * checking the membership, for the system only on the system's own paths — so holding a scope is proof of access;
 * {@link TenantDsl} turns it into SQL on the workspace's schema.
 */
public final class TenantScope {

    private final BoundWorkspace workspace;
    private final Actor actor;

    TenantScope(BoundWorkspace workspace, Actor actor) {
        this.workspace = workspace;
        this.actor = actor;
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
        return workspace.schemaName();
    }

    /** The same workspace, bound to another actor; for the binder. */
    BoundWorkspace workspace() {
        return workspace;
    }

    @Override
    public String toString() {
        return "TenantScope[" + workspace.slug() + ", " + actor + "]";
    }
}
