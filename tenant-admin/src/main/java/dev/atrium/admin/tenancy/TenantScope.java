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
     * The account on whose authority the actor acts: the member, or an API key's creator. Services call it after
     * their permission check, which only a member or a usable key passes (see {@code AccessControl}), to name who made
     * what they store; the audit event names the actor itself.
     *
     * @throws IllegalStateException when the actor is the system
     */
    public UUID accountId() {
        if (actor instanceof Actor.Member member) {
            return member.accountId();
        }
        if (actor instanceof Actor.ApiKey key) {
            return key.createdBy();
        }
        throw new IllegalStateException("The actor of " + this + " is not a member");
    }

    @Override
    public String toString() {
        return "TenantScope[" + slug() + ", " + actor + "]";
    }
}
