package dev.atrium.admin.member;

import static dev.atrium.db.jooq.tenant.Tables.ROLE_PERMISSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.Permission;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleException;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/** Invariant 2: transferring ownership is an Owner's act, and whoever transfers never ends up with a role they did not hold. */
@SpringBootTest
class TransferOwnershipTest {

    private static final int RACES = 50;

    @Autowired MemberService members;
    @Autowired RoleService roles;
    @Autowired TestWorkspaces teams;
    @Autowired TenantDsl tenantDsl;

    @Test
    void noCustomRoleCanBeGivenThePermissionToTransferOwnership() {
        TenantScope owner = teams.newWorkspace("Quinn");
        RoleSummary helper = roles.create(owner, new RoleDraft("Helper", "", Set.of(Permissions.MEMBERS_VIEW)));

        assertThatThrownBy(() -> roles.create(owner, new RoleDraft("Successor maker", "",
                Set.of(Permissions.WORKSPACE_TRANSFER_OWNERSHIP)))).isInstanceOf(RoleException.class)
                .satisfies(Refusals.reason("role.owner-only-permission", Permission.names(List.of(Permissions.WORKSPACE_TRANSFER_OWNERSHIP))));
        assertThatThrownBy(() -> roles.update(owner, helper.id(), new RoleDraft("Helper", "",
                Set.of(Permissions.MEMBERS_VIEW, Permissions.WORKSPACE_TRANSFER_OWNERSHIP)))).isInstanceOf(RoleException.class);
        assertThat(roles.find(owner, helper.id()).orElseThrow().permissions()).containsExactly(Permissions.MEMBERS_VIEW);
    }

    @Test
    void aMemberWhoseRoleStillHoldsThePermissionCannotMakeAnAccompliceOwnerNorBecomeAdmin() {
        TenantScope owner = teams.newWorkspace("Rhea");
        RoleSummary custom = roles.create(owner, new RoleDraft("Successor maker", "", Set.of(Permissions.MEMBERS_VIEW)));
        // As stored by an earlier version that let custom roles hold it.
        tenantDsl.of(owner).insertInto(ROLE_PERMISSION).set(ROLE_PERMISSION.ROLE_ID, custom.id())
                .set(ROLE_PERMISSION.PERMISSION, Permissions.WORKSPACE_TRANSFER_OWNERSHIP).execute();
        TenantScope mallory = teams.join(owner, "Mallory", custom.key());
        TenantScope accomplice = teams.join(owner, "Trent", "member");

        assertThatThrownBy(() -> members.transferOwnership(mallory, accomplice.accountId()))
                .isInstanceOf(PermissionDeniedException.class).satisfies(Refusals.code("member.transfer-owner-only"));

        assertThat(members.find(owner, accomplice.accountId()).orElseThrow().roleName()).isEqualTo("Member");
        assertThat(members.find(owner, mallory.accountId()).orElseThrow().roleName()).isEqualTo("Successor maker");
    }

    @Test
    void anOwnerDemotedWhileTransferringNeverEndsUpAdmin() {
        TenantScope owner = teams.newWorkspace("Sven");
        UUID memberRole = teams.roleId(owner, "member");
        List<TenantScope> transferors = teams.joinAll(owner, "Tom", "owner", RACES);
        List<TenantScope> heirs = teams.joinAll(owner, "Hana", "member", RACES);
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            TenantScope transferor = transferors.get(i);
            TenantScope heir = heirs.get(i);
            List<Throwable> outcome = Races.run(() -> members.transferOwnership(transferor, heir.accountId()),
                    () -> members.changeRole(owner, transferor.accountId(), memberRole));
            // Demoted first, the transfer must be refused; transferred first, the demotion makes Tom (then Admin) a
            // Member. Either way a successful demotion leaves Tom a Member, never the Admin the transfer hands out.
            String tomsRole = members.find(owner, transferor.accountId()).orElseThrow().roleName();
            if (outcome.get(1) == null && !tomsRole.equals("Member")) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("transfer vs. the transferor's demotion: ended Admin", violations, RACES)).isZero();
    }
}
