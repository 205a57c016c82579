package dev.atrium.admin.sso;

import static dev.atrium.admin.Refusals.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestLocks;
import dev.atrium.admin.TestRoles;
import dev.atrium.admin.TestRoles.Deletion;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.sso.GroupRoleOutcome.Result;
import dev.atrium.admin.sso.TestConnections.SsoWorkspace;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * A role's deletion and a first sign-in through the connection that takes up a pending invitation with that role, in
 * a certain order (as RoleDeletionLockOrderTest queues joins): the deletion holds the role and waits for the role its
 * holders move to, which the test holds; the sign-in comes next, and then both go on. Both lock the role before the
 * invitation, so the sign-in waits for the deletion and finds the invitation moved: never a deadlock.
 */
@SpringBootTest
class SsoSignInLockOrderTest {

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @Autowired SsoSignInService signIn;
    @Autowired TestConnections connections;
    @Autowired InvitationService invitations;
    @Autowired MemberService members;
    @Autowired TestRoles testRoles;
    @Autowired TestWorkspaces teams;
    @Autowired SsoPolicyService policies;
    @Autowired TenantBinder binder;

    @Test
    void aSignInTakingUpAnInvitationWhileItsRoleIsDeletedJoinsWithTheRoleItMovedTo() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Selma", SsoPreset.CUSTOM, "guest");
        TenantScope owner = acme.owner();
        Deletion pair = testRoles.twoRoles(owner);
        String email = acme.newAddress("ines");
        InviteOutcome.Sent sent = invitations.invite(owner, email, pair.deleted(), Locale.ENGLISH).invited().getFirst();
        SsoIdentity identity = acme.identity("ines-" + TestConnections.unique(), email, "Ines");

        TestLocks.Queued<Object, SsoSignIn> queued = testRoles.deletionThen(owner, pair,
                () -> signIn.signIn(owner.workspaceId(), identity));

        assertThat(queued.first().join()).as("the deletion went through").isEqualTo("deleted");
        SsoSignIn signedIn = queued.second().join();
        assertThat(signedIn.joined()).isTrue();
        assertThat(members.find(owner, signedIn.account().id()))
                .hasValueSatisfying(member -> assertThat(member.roleId()).isEqualTo(pair.moveTo()));
        assertThat(connections.events(owner, AuditActions.INVITATION_ACCEPTED, sent.invitationId())).hasSize(1);
    }

    /**
     * The inviter's own role deleted, its holders moved to the invited role, which sorts after it: the sign-in locks
     * both roles in one statement, as the deletion does, and joins with the invited role. Measured with the invited
     * role locked before the inviter's, in statements of their own: a deadlock every time.
     */
    @Test
    void aSignInTakingUpAnInvitationWhileTheInvitersRoleIsDeletedIntoTheInvitedRoleJoinsWithIt() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Sina", SsoPreset.CUSTOM, "guest");
        TenantScope owner = acme.owner();
        Deletion pair = testRoles.twoRoles(owner);
        TenantScope inviter = testRoles.granterOfTheMoveTo(owner, pair);
        String email = acme.newAddress("iris");
        invitations.invite(inviter, email, pair.moveTo(), Locale.ENGLISH);
        SsoIdentity identity = acme.identity("iris-" + TestConnections.unique(), email, "Iris");

        TestLocks.Queued<Object, SsoSignIn> queued = testRoles.deletionThen(owner, pair,
                () -> signIn.signIn(owner.workspaceId(), identity));

        assertThat(queued.first().join()).as("the deletion went through").isEqualTo("deleted");
        SsoSignIn signedIn = queued.second().join();
        assertThat(members.find(owner, signedIn.account().id()))
                .hasValueSatisfying(member -> assertThat(member.roleId()).isEqualTo(pair.moveTo()));
    }

    /**
     * The connection's default role deleted while someone signs in with it: the sign-in locks the role before the
     * member is inserted, and the deletion, holding the role first, is refused as the connection's default. Measured
     * before both: the deletion went through and the sign-in ended in a foreign-key error every time.
     */
    @Test
    void theDefaultRoleDeletedWhileSomeoneSignsInIsRefusedAndTheSignInJoinsWithIt() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Saskia", SsoPreset.CUSTOM, "guest");
        TenantScope owner = acme.owner();
        Deletion pair = testRoles.twoRoles(owner);
        SsoWorkspace defaulting = connections.withDefaultRole(acme, pair.deleted());
        SsoIdentity identity = defaulting.identity("nina-" + TestConnections.unique(), defaulting.newAddress("nina"), "Nina");

        TestLocks.Queued<Object, SsoSignIn> queued = testRoles.deletionThen(owner, pair,
                () -> signIn.signIn(owner.workspaceId(), identity));

        SsoSignIn signedIn = queued.second().join();
        assertThatThrownBy(queued.first()::join).cause().satisfies(code("role.sso-default-role"));
        assertThat(members.find(owner, signedIn.account().id()))
                .hasValueSatisfying(member -> assertThat(member.roleId()).isEqualTo(pair.deleted()));
    }

    /**
     * The default role deleted into the invited role, which sorts after it, while someone takes up the invitation:
     * the sign-in locks the default role in the statement that locks the invitation's, so it waits for the deletion's
     * refusal. Measured with the default role read without a lock: the sign-in never waited for the deletion; locked
     * in a statement of its own after the invitation's role: a deadlock every time.
     */
    @Test
    void theDefaultRoleDeletedIntoTheInvitedRoleWhileSomeoneTakesUpTheInvitationIsRefused() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Svea", SsoPreset.CUSTOM, "guest");
        TenantScope owner = acme.owner();
        Deletion pair = testRoles.twoRoles(owner);
        SsoWorkspace defaulting = connections.withDefaultRole(acme, pair.deleted());
        String email = defaulting.newAddress("ida");
        invitations.invite(owner, email, pair.moveTo(), Locale.ENGLISH);
        SsoIdentity identity = defaulting.identity("ida-" + TestConnections.unique(), email, "Ida");

        TestLocks.Queued<Object, SsoSignIn> queued = testRoles.deletionThen(owner, pair,
                () -> signIn.signIn(owner.workspaceId(), identity));

        SsoSignIn signedIn = queued.second().join();
        assertThatThrownBy(queued.first()::join).cause().satisfies(code("role.sso-default-role"));
        assertThat(members.find(owner, signedIn.account().id()))
                .hasValueSatisfying(member -> assertThat(member.roleId()).isEqualTo(pair.moveTo()));
    }

    /**
     * A mapped role deleted while a sign-in applies the group mappings: the mappings lock the roles they decide on
     * before the mapping rows (which the deletion takes along) and the members' rows, so they wait for the deletion and
     * find the mapping gone. Measured with the mapping and member rows locked before the roles: a deadlock every time.
     */
    @Test
    void aMappedRoleDeletedWhileTheMappingsAreAppliedLeavesTheMemberAsTheyAre() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Stella", SsoPreset.CUSTOM, "guest");
        TenantScope owner = acme.owner();
        Deletion pair = testRoles.twoRoles(owner);
        policies.addMapping(owner, "helpers", pair.deleted());
        TenantScope person = teams.join(owner, "Paula", "guest");

        TestLocks.Queued<Object, GroupRoleOutcome> queued = testRoles.deletionThen(owner, pair,
                () -> policies.applyGroupRoles(binder.bindSystem(owner.workspaceId()), person.accountId(), List.of("helpers")));

        assertThat(queued.second().join()).isEqualTo(new GroupRoleOutcome(Result.NO_MATCH, null));
        assertThat(queued.first().join()).as("the deletion went through").isEqualTo("deleted");
        assertThat(members.find(owner, person.accountId())).hasValueSatisfying(member -> assertThat(member.roleName()).isEqualTo("Guest"));
    }
}
