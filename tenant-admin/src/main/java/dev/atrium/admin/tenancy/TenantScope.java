package dev.atrium.admin.tenancy;

import java.util.UUID;

/**
 * A workspace bound to the {@link Actor} who acts in it. Only {@link TenantBinder} creates one — for a member after
 * checking the membership, for the system only on the system's own paths — so holding a scope is proof of access;
 * {@link TenantDsl} turns it into SQL on the workspace's schema.
 */
public final class TenantScope extends WorkspaceBinding {

    private final Actor actor;

    TenantScope(BoundWorkspace workspace, Actor actor) {
        super(workspace);
        this.actor = actor;
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

    @Override
    public String toString() {
        return "TenantScope[" + slug() + ", " + actor + "]";
    }
}
