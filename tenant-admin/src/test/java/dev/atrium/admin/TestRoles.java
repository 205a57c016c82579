package dev.atrium.admin;

import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;

/** Custom roles for tests of a role's deletion racing what references the role. */
@Component
public class TestRoles {

    /** The role deleted and the one its holders move to, the deleted one first in id order, as the deletion locks them. */
    public record Deletion(UUID deleted, UUID moveTo) {
    }

    private final RoleService roles;
    private final TestWorkspaces teams;
    private final MemberService members;
    private final AccessControl access;
    private final TestLocks locks;

    TestRoles(RoleService roles, TestWorkspaces teams, MemberService members, AccessControl access, TestLocks locks) {
        this.roles = roles;
        this.teams = teams;
        this.members = members;
        this.access = access;
        this.locks = locks;
    }

    /** Two new roles that may view members, named so that no other role of the workspace looks like them. */
    public Deletion twoRoles(TenantScope owner) {
        UUID a = roles.create(owner, new RoleDraft("Helper", "", Set.of(Permissions.MEMBERS_VIEW))).id();
        UUID b = roles.create(owner, new RoleDraft("Assistant", "", Set.of(Permissions.MEMBERS_VIEW))).id();
        // As the database orders uuids: by their text, not by UUID.compareTo (signed).
        return a.toString().compareTo(b.toString()) < 0 ? new Deletion(a, b) : new Deletion(b, a);
    }

    /**
     * A new member holding the role to be deleted, which may now invite too: someone who can give the role its holders
     * move to, and whose own role the deletion moves to it.
     */
    public TenantScope granterOfTheMoveTo(TenantScope owner, Deletion pair) {
        roles.update(owner, pair.deleted(), new RoleDraft("Granter", "", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_INVITE)));
        TenantScope granter = teams.join(owner, "Gert", "member");
        members.changeRole(owner, granter.accountId(), pair.deleted());
        return granter;
    }

    /** Deletes the one role, moving its holders to the other; returns "deleted", for a queued action's outcome. */
    public Object deletes(TenantScope owner, Deletion pair) {
        roles.delete(owner, pair.deleted(), pair.moveTo());
        return "deleted";
    }

    /**
     * The deletion and then {@code racing}, queued for the locks in that order ({@link TestLocks#queued}): the test holds
     * the role the holders move to, so the deletion waits holding the deleted one, and {@code racing} comes next.
     */
    public <B> TestLocks.Queued<Object, B> deletionThen(TenantScope owner, Deletion pair, Supplier<B> racing) {
        return locks.queued(() -> access.lockRole(owner, pair.moveTo()), () -> deletes(owner, pair), racing);
    }
}
