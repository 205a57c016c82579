package dev.atrium.admin.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceService;

@SpringBootTest
class MembershipsTest {

    @Autowired Memberships memberships;
    @Autowired MemberService members;
    @Autowired WorkspaceService workspaces;
    @Autowired TenantDsl tenantDsl;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired TransactionTemplate transaction;

    @Test
    void foundingAnExistingWorkspaceAddsNoOne() {
        TenantScope owner = teams.newWorkspace("Fiona");
        Account intruder = accounts.newAccount("Ivan");

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> memberships.found(tenantDsl.of(owner), owner.workspaceId(), intruder.id())))
                .isInstanceOf(IllegalStateException.class);

        assertThat(members.count(owner, MemberFilter.NONE)).isEqualTo(1);
        assertThat(workspaces.workspacesOf(intruder.id())).isEmpty();
    }
}
