package dev.atrium.admin.workspace;

import static dev.atrium.admin.Refusals.code;
import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestLocks;
import dev.atrium.admin.TestDomains;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.joinlink.JoinLinkDraft;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.joinrequest.JoinMode;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Nothing commits into a workspace after its deletion did. Each test holds a deletion's transaction open until the
 * racing action waits on one of its locks ({@link TestLocks}), then commits it: the action, which passed no check yet
 * or passed one before the deletion, is refused with the typed {@code workspace.not-found} and stores nothing.
 */
@SpringBootTest
class DeletionRaceTest {

    private static final String NOT_FOUND = "workspace.not-found";

    @Autowired WorkspaceDeletionService deletions;
    @Autowired WorkspaceService workspaces;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired TestLocks locks;
    @Autowired JoinLinkService joinLinks;
    @Autowired InvitationService invitations;
    @Autowired JoinRequestService joinRequests;
    @Autowired TestDomains domains;
    @Autowired DSLContext platform;

    @Test
    void aJoinLinkUsedWhileTheWorkspaceIsBeingDeletedJoinsNothing() {
        TenantScope owner = teams.newWorkspace("Racing Link Owner");
        String token = tokenOf(joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, BuiltInRoles.MEMBER), 7, null, "")).url());
        Account joiner = accounts.newAccount("Racing Link Joiner");

        assertRefusedAfterTheDeletion(owner, () -> joinLinks.join(token, joiner.id()));

        assertNotMember(owner, joiner.id());
    }

    @Test
    void anInvitationAcceptedWhileTheWorkspaceIsBeingDeletedJoinsNothing() {
        TenantScope owner = teams.newWorkspace("Racing Invite Owner");
        Account invitee = accounts.newAccount("Racing Invitee");
        String token = tokenOf(invitations.invite(owner, invitee.email(), teams.roleId(owner, BuiltInRoles.MEMBER), Locale.ENGLISH)
                .invited().getFirst().link());

        assertRefusedAfterTheDeletion(owner, () -> invitations.accept(token, invitee.id()));

        assertNotMember(owner, invitee.id());
    }

    @Test
    void anAutomaticJoinRequestedWhileTheWorkspaceIsBeingDeletedJoinsNothing() {
        TenantScope owner = teams.newWorkspace("Racing Request Owner");
        String domain = domains.verify(owner, TestDomains.unique("racing"));
        joinRequests.saveSetting(owner, JoinMode.AUTOMATIC, teams.roleId(owner, BuiltInRoles.MEMBER));
        Account colleague = domains.colleague("Ravi", domain);

        assertRefusedAfterTheDeletion(owner, () -> joinRequests.requestToJoin(colleague.id(), owner.workspaceId()));

        assertNotMember(owner, colleague.id());
    }

    @Test
    void aRenameFromAPageOpenedBeforeTheDeletionWaitsForItAndIsRefused() {
        TenantScope owner = teams.newWorkspace("Racing Rename Owner");
        TenantScope admin = teams.join(owner, "Racing Rename Admin", BuiltInRoles.ADMIN);

        assertRefusedAfterTheDeletion(owner, () -> workspaces.rename(admin, "Renamed while deleted"));

        assertThat(platform.fetchValue(WORKSPACE.NAME, WORKSPACE.ID.eq(owner.workspaceId()))).isEqualTo(owner.workspaceName());
    }

    private void assertRefusedAfterTheDeletion(TenantScope owner, Supplier<?> racing) {
        CompletableFuture<?> outcome = locks.waitingFor(() -> deletions.delete(owner, owner.workspaceName()), racing);
        assertThat(outcome).failsWithin(Duration.ofSeconds(30)).withThrowableThat().havingCause().satisfies(code(NOT_FOUND));
        assertThat(platform.fetchExists(WORKSPACE, WORKSPACE.ID.eq(owner.workspaceId()).and(WORKSPACE.DELETED_AT.isNotNull())))
                .as("the deletion committed").isTrue();
    }

    private void assertNotMember(TenantScope owner, UUID accountId) {
        assertThat(platform.fetchExists(WORKSPACE_MEMBERSHIP, WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(owner.workspaceId())
                .and(WORKSPACE_MEMBERSHIP.ACCOUNT_ID.eq(accountId)))).as("a member of the deleted workspace").isFalse();
    }
}
