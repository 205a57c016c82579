package dev.atrium.admin.workspace;

import static dev.atrium.admin.Refusals.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestDomains;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.joinlink.JoinLinkDraft;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.joinrequest.JoinMode;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.joinrequest.JoinResult;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * A page opened before its workspace was deleted still holds the scope it bound then: every operation through it is
 * refused with the typed {@code workspace.not-found}, reading as well as changing, also for a member whose role the
 * node had cached. Restored, the same scope works again.
 */
@SpringBootTest
class DeletedWorkspaceOpenPageTest {

    private static final String NOT_FOUND = "workspace.not-found";

    @Autowired WorkspaceDeletionService deletions;
    @Autowired WorkspaceService workspaces;
    @Autowired TestWorkspaces teams;
    @Autowired JoinLinkService joinLinks;
    @Autowired JoinRequestService joinRequests;
    @Autowired MemberService members;
    @Autowired TestDomains domains;

    @Test
    void everyOperationThroughAScopeBoundBeforeTheDeletionIsRefused() {
        TenantScope owner = teams.newWorkspace("Open Page Owner");
        TenantScope admin = teams.join(owner, "Open Page Admin", BuiltInRoles.ADMIN);
        UUID memberRole = teams.roleId(owner, BuiltInRoles.MEMBER);
        joinRequests.saveSetting(owner, JoinMode.REQUEST, null);
        Account requester = domains.colleague("Rafa", domains.verify(owner, TestDomains.unique("open-page")));
        assertThat(joinRequests.requestToJoin(requester.id(), owner.workspaceId())).isEqualTo(JoinResult.REQUESTED);
        // Both roles are in this node's cache when the deletion commits.
        UUID requestId = joinRequests.pending(owner).getFirst().id();
        assertThat(joinRequests.pending(admin)).hasSize(1);

        deletions.delete(owner, owner.workspaceName());

        refused(() -> joinLinks.create(admin, new JoinLinkDraft(memberRole, 7, null, "")));
        refused(() -> workspaces.rename(owner, "Renamed after deletion"));
        refused(() -> members.changeRole(owner, admin.accountId(), memberRole));
        refused(() -> joinRequests.deny(owner, requestId));
        refused(() -> joinRequests.pending(admin));

        deletions.restore(owner.accountId(), owner.workspaceId());

        assertThat(workspaces.rename(owner, "Renamed after restore").name()).isEqualTo("Renamed after restore");
        assertThat(members.changeRole(owner, admin.accountId(), memberRole).roleName()).isNotBlank();
        joinRequests.deny(owner, requestId);
        assertThat(joinRequests.pending(owner)).isEmpty();
    }

    private static void refused(ThrowingCallable operation) {
        assertThatThrownBy(operation).satisfies(code(NOT_FOUND));
    }
}
