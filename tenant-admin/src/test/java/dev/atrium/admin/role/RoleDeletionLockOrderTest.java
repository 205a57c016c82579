package dev.atrium.admin.role;

import static dev.atrium.admin.Refusals.code;
import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestDomains;
import dev.atrium.admin.TestLocks;
import dev.atrium.admin.TestRoles;
import dev.atrium.admin.TestRoles.Deletion;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.joinlink.JoinLinkDraft;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.joinrequest.JoinMode;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.member.Member;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * A role's deletion and a join with that role (by link, by invitation) in a certain order: the deletion holds the
 * role and waits for the role its holders move to, which the test holds; the join comes next, and then both go on.
 * Both lock the role before the link or invitation, so the join waits for the deletion and finds what it left: never
 * a deadlock. Measured with the join locking its link or invitation first: a deadlock (a database error) every time.
 */
@SpringBootTest
class RoleDeletionLockOrderTest {

    @Autowired RoleService roles;
    @Autowired JoinLinkService joinLinks;
    @Autowired InvitationService invitations;
    @Autowired MemberService members;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired TestRoles testRoles;
    @Autowired TestDomains domains;
    @Autowired JoinRequestService joinRequests;

    @Test
    void aJoinByLinkWhileItsRoleIsDeletedIsRefusedAsAnUnknownLink() {
        TenantScope owner = teams.newWorkspace("Dora");
        Deletion pair = testRoles.twoRoles(owner);
        String token = tokenOf(joinLinks.create(owner, new JoinLinkDraft(pair.deleted(), 7, null, "")).url());
        Account joiner = accounts.newAccount("Jonas");

        TestLocks.Queued<Object, String> queued = testRoles.deletionThen(owner, pair,
                () -> joinLinks.join(token, joiner.id()));

        assertThat(queued.first().join()).as("the deletion went through").isEqualTo("deleted");
        assertThatThrownBy(queued.second()::join).cause().satisfies(code("joinlink.unknown"));
        assertThat(members.find(owner, joiner.id())).isEmpty();
    }

    @Test
    void anInvitationAcceptedWhileItsRoleIsDeletedJoinsWithTheRoleItMovedTo() {
        TenantScope owner = teams.newWorkspace("Dana");
        Deletion pair = testRoles.twoRoles(owner);
        Account invitee = accounts.newAccount("Ines");
        String token = tokenOf(invitations.invite(owner, invitee.email(), pair.deleted(), Locale.ENGLISH).invited().getFirst().link());

        TestLocks.Queued<Object, String> queued = testRoles.deletionThen(owner, pair,
                () -> invitations.accept(token, invitee.id()));

        assertThat(queued.first().join()).as("the deletion went through").isEqualTo("deleted");
        assertThat(queued.second().join()).isEqualTo(owner.slug());
        assertThat(members.find(owner, invitee.id())).hasValueSatisfying(member -> assertThat(member.roleId()).isEqualTo(pair.moveTo()));
    }

    /**
     * The join checks, under lock, that the link's creator may still give its role; the creator's own role is deleted
     * meanwhile and they move to one that may not: the join waits for the deletion and is refused as it left things.
     * Measured with the creator's membership locked before the roles: a deadlock every time.
     */
    @Test
    void aJoinByLinkWhileItsCreatorsRoleIsDeletedIsDecidedByTheRoleTheCreatorMovedTo() {
        TenantScope owner = teams.newWorkspace("Doris");
        Deletion pair = testRoles.twoRoles(owner);
        Set<String> inviting = Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_INVITE);
        roles.update(owner, pair.deleted(), new RoleDraft("Inviter", "", inviting));
        UUID greeter = roles.create(owner, new RoleDraft("Greeter", "", inviting)).id();
        TenantScope creator = teams.join(owner, "Carla", "member");
        members.changeRole(owner, creator.accountId(), pair.deleted());
        String token = tokenOf(joinLinks.create(creator, new JoinLinkDraft(greeter, 7, null, "")).url());
        Account joiner = accounts.newAccount("Jill");

        TestLocks.Queued<Object, String> queued = testRoles.deletionThen(owner, pair,
                () -> joinLinks.join(token, joiner.id()));

        assertThat(queued.first().join()).as("the deletion went through").isEqualTo("deleted");
        assertThatThrownBy(queued.second()::join).cause().satisfies(code("joinlink.creator-no-longer-allowed"));
        assertThat(members.find(owner, joiner.id())).isEmpty();
    }

    /**
     * A member whose own role is deleted while they change someone's role: the change waits for the deletion and is
     * decided by the role they moved to, which may not change roles. Measured with the members' rows locked before
     * the roles: a deadlock every time.
     */
    @Test
    void aRoleChangeByAMemberWhoseRoleIsDeletedIsDecidedByTheRoleTheyMovedTo() {
        TenantScope owner = teams.newWorkspace("Delia");
        Deletion pair = testRoles.twoRoles(owner);
        roles.update(owner, pair.deleted(), new RoleDraft("Manager", "", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_CHANGE_ROLE)));
        TenantScope manager = teams.join(owner, "Mara", "member");
        members.changeRole(owner, manager.accountId(), pair.deleted());
        TenantScope target = teams.join(owner, "Tom", "guest");

        TestLocks.Queued<Object, Member> queued = testRoles.deletionThen(owner, pair,
                () -> members.changeRole(manager, target.accountId(), pair.moveTo()));

        assertThat(queued.first().join()).as("the deletion went through").isEqualTo("deleted");
        assertThatThrownBy(queued.second()::join).cause().satisfies(code("access.denied"));
        assertThat(members.find(owner, target.accountId())).hasValueSatisfying(member -> assertThat(member.roleId())
                .isEqualTo(teams.roleId(owner, "guest")));
    }

    /*
     * The granter's own role deleted, its holders moved to the role they give, which sorts after it: the deletion
     * holds the granter's role and waits for the given one. Measured with the join locking the given role, and the
     * granter's role only later in a statement of its own: a deadlock every time.
     */

    @Test
    void aJoinByLinkWhileItsCreatorsRoleIsDeletedIntoTheRoleItGivesJoinsWithIt() {
        TenantScope owner = teams.newWorkspace("Dagmar");
        Deletion pair = testRoles.twoRoles(owner);
        TenantScope creator = testRoles.granterOfTheMoveTo(owner, pair);
        String token = tokenOf(joinLinks.create(creator, new JoinLinkDraft(pair.moveTo(), 7, null, "")).url());
        Account joiner = accounts.newAccount("Jakob");

        TestLocks.Queued<Object, String> queued = testRoles.deletionThen(owner, pair,
                () -> joinLinks.join(token, joiner.id()));

        assertThat(queued.first().join()).as("the deletion went through").isEqualTo("deleted");
        assertThat(queued.second().join()).isEqualTo(owner.slug());
        assertThat(members.find(owner, joiner.id())).hasValueSatisfying(member -> assertThat(member.roleId()).isEqualTo(pair.moveTo()));
    }

    @Test
    void anInvitationAcceptedWhileTheInvitersRoleIsDeletedIntoTheInvitedRoleJoinsWithIt() {
        TenantScope owner = teams.newWorkspace("Dorothea");
        Deletion pair = testRoles.twoRoles(owner);
        TenantScope inviter = testRoles.granterOfTheMoveTo(owner, pair);
        Account invitee = accounts.newAccount("Irma");
        String token = tokenOf(invitations.invite(inviter, invitee.email(), pair.moveTo(), Locale.ENGLISH).invited().getFirst().link());

        TestLocks.Queued<Object, String> queued = testRoles.deletionThen(owner, pair,
                () -> invitations.accept(token, invitee.id()));

        assertThat(queued.first().join()).as("the deletion went through").isEqualTo("deleted");
        assertThat(queued.second().join()).isEqualTo(owner.slug());
        assertThat(members.find(owner, invitee.id())).hasValueSatisfying(member -> assertThat(member.roleId()).isEqualTo(pair.moveTo()));
    }

    @Test
    void aJoinRequestApprovedWhileTheApproversRoleIsDeletedIntoTheGivenRoleJoinsWithIt() {
        TenantScope owner = teams.newWorkspace("Desiree");
        String domain = TestDomains.unique("approve-lock-order");
        domains.verify(owner, domain);
        joinRequests.saveSetting(owner, JoinMode.REQUEST, null);
        Deletion pair = testRoles.twoRoles(owner);
        TenantScope approver = testRoles.granterOfTheMoveTo(owner, pair);
        Account requester = domains.person("Rita", domain, true);
        joinRequests.requestToJoin(requester.id(), owner.workspaceId());
        UUID requestId = joinRequests.pending(owner).getFirst().id();

        TestLocks.Queued<Object, Object> queued = testRoles.deletionThen(owner, pair,
                () -> {
                    joinRequests.approve(approver, requestId, pair.moveTo());
                    return "approved";
                });

        assertThat(queued.first().join()).as("the deletion went through").isEqualTo("deleted");
        assertThat(queued.second().join()).isEqualTo("approved");
        assertThat(members.find(owner, requester.id())).hasValueSatisfying(member -> assertThat(member.roleId()).isEqualTo(pair.moveTo()));
    }
}
