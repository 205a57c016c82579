package dev.atrium.admin.workspace;

import static dev.atrium.admin.Refusals.code;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.WorkspaceDomain;
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
    @Autowired AccountService accountService;
    @Autowired JoinLinkService joinLinks;
    @Autowired JoinRequestService joinRequests;
    @Autowired MemberService members;
    @Autowired DomainService domains;
    @Autowired TestDns dns;

    @Test
    void everyOperationThroughAScopeBoundBeforeTheDeletionIsRefused() {
        TenantScope owner = teams.newWorkspace("Open Page Owner");
        TenantScope admin = teams.join(owner, "Open Page Admin", BuiltInRoles.ADMIN);
        UUID memberRole = teams.roleId(owner, BuiltInRoles.MEMBER);
        joinRequests.saveSetting(owner, JoinMode.REQUEST, null);
        Account requester = colleague("Rafa", verifiedDomain(owner));
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

    private String verifiedDomain(TenantScope owner) {
        WorkspaceDomain added = domains.add(owner, "open-page-" + unique() + ".example");
        dns.publish(added.recordName(), added.recordValue());
        assertThat(domains.verify(owner, added.id()).verified()).isTrue();
        return added.domain();
    }

    /** Someone whose sign-in verified an address at the domain. */
    private Account colleague(String name, String domain) {
        String subject = UUID.randomUUID().toString();
        return accountService.signIn(new OidcIdentity("https://issuer.test", subject,
                name.toLowerCase(Locale.ROOT) + "-" + subject.substring(0, 8) + "@" + domain, true, name));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
