package dev.atrium.admin.role;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestLocks;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Nobody grants more than they hold, nor edits a role stronger than their own, also when they waited for another
 * edit of a role they decide on: they decide on the permissions that edit left. Before, the waiting statement saw the
 * edited role row but the permissions its snapshot held, from before the edit: a grant handed out a permission its
 * granter had just lost, and an edit went through on a role that had just gained one its editor lacks.
 */
@SpringBootTest
class WaitingForARoleEditTest {

    @Autowired RoleService roles;
    @Autowired MemberService members;
    @Autowired TestWorkspaces teams;
    @Autowired TestLocks locks;

    @Test
    void aRoleChangeThatWaitedForTheGrantersRoleToLoseAPermissionIsRefused() throws Exception {
        TenantScope owner = teams.newWorkspace("Greta");
        RoleSummary lead = roles.create(owner, new RoleDraft("Lead", "",
                Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_CHANGE_ROLE, Permissions.AUDIT_VIEW)));
        RoleSummary auditor = roles.create(owner, new RoleDraft("Auditor", "", Set.of(Permissions.AUDIT_VIEW)));
        TenantScope leo = teams.join(owner, "Leo", lead.key());
        TenantScope tia = teams.join(owner, "Tia", "member");
        RoleDraft withoutAudit = new RoleDraft("Lead", "", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_CHANGE_ROLE));

        CompletableFuture<?> grant = locks.waitingFor(() -> roles.update(owner, lead.id(), withoutAudit),
                () -> members.changeRole(leo, tia.accountId(), auditor.id()));

        assertThat(grant).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(PermissionDeniedException.class);
        assertThat(members.find(owner, tia.accountId()).orElseThrow().roleName()).isEqualTo("Member");
    }

    @Test
    void anEditThatWaitedForTheRoleToGainAPermissionItsEditorLacksIsRefused() throws Exception {
        TenantScope owner = teams.newWorkspace("Gwen");
        RoleSummary manager = roles.create(owner, new RoleDraft("Manager", "",
                Set.of(Permissions.ROLES_VIEW, Permissions.ROLES_MANAGE, Permissions.MEMBERS_VIEW)));
        RoleSummary viewer = roles.create(owner, new RoleDraft("Viewer", "", Set.of(Permissions.MEMBERS_VIEW)));
        TenantScope max = teams.join(owner, "Max", manager.key());

        RoleDraft withAudit = new RoleDraft("Viewer", "", Set.of(Permissions.MEMBERS_VIEW, Permissions.AUDIT_VIEW));
        RoleDraft byMax = new RoleDraft("Viewer", "Renamed by Max", Set.of(Permissions.MEMBERS_VIEW));

        CompletableFuture<?> edit = locks.waitingFor(() -> roles.update(owner, viewer.id(), withAudit),
                () -> roles.update(max, viewer.id(), byMax));

        assertThat(edit).failsWithin(10, TimeUnit.SECONDS).withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(PermissionDeniedException.class);
        assertThat(roles.find(owner, viewer.id()).orElseThrow().permissions()).contains(Permissions.AUDIT_VIEW);
    }
}
