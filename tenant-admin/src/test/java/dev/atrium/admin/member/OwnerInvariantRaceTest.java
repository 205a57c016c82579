package dev.atrium.admin.member;

import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Invariant 1: a workspace always keeps at least one Owner, and only an Owner removes or demotes an Owner — also when
 * two requests decide at the same moment.
 */
@SpringBootTest
class OwnerInvariantRaceTest {

    private static final int RACES = 50;

    @Autowired MemberService members;
    @Autowired TestWorkspaces teams;
    @Autowired TenantDsl tenantDsl;
    @Autowired AccessControl access;

    @Test
    void anAdminRemovingTheMemberAnOwnerTransfersOwnershipToNeverLeavesTheWorkspaceWithoutAnOwner() {
        TenantScope owner = teams.newWorkspace("Tess");
        TenantScope admin = teams.join(owner, "Adam", "admin");
        List<TenantScope> heirs = teams.joinAll(owner, "Heidi", "member", RACES);
        int ownerless = 0;
        for (TenantScope heir : heirs) {
            TenantScope transferor = owner;
            Races.run(() -> members.transferOwnership(transferor, heir.accountId()),
                    () -> members.remove(admin, heir.accountId()));
            if (owners(owner).isEmpty()) {
                ownerless++;
                makeOwner(owner, owner.accountId());
            }
            owner = owners(owner).contains(heir.accountId()) ? heir : owner;
        }
        assertThat(ownerless).as(Races.rate("transfer vs. removal: no Owner left", ownerless, RACES)).isZero();
    }

    @Test
    void anAdminRemovingTheMemberAnOwnerPromotesToOwnerNeverRemovesAnOwner() {
        TenantScope owner = teams.newWorkspace("Uma");
        TenantScope admin = teams.join(owner, "Abel", "admin");
        UUID ownerRole = teams.roleId(owner, "owner");
        int violations = 0;
        for (TenantScope carol : teams.joinAll(owner, "Carol", "member", RACES)) {
            List<Throwable> outcome = Races.run(() -> members.changeRole(owner, carol.accountId(), ownerRole),
                    () -> members.remove(admin, carol.accountId()));
            // In either order one must be refused: removed first, there is no one left to promote; promoted first,
            // an Admin may not remove an Owner.
            if (outcome.get(0) == null && outcome.get(1) == null) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("promotion vs. Admin's removal: both succeeded", violations, RACES)).isZero();
    }

    @Test
    void anAdminDemotingTheMemberAnOwnerPromotesNeverDemotesAnOwner() {
        TenantScope owner = teams.newWorkspace("Vera");
        TenantScope admin = teams.join(owner, "Ali", "admin");
        UUID ownerRole = teams.roleId(owner, "owner");
        UUID guestRole = teams.roleId(owner, "guest");
        int violations = 0;
        for (TenantScope carol : teams.joinAll(owner, "Cleo", "member", RACES)) {
            List<Throwable> outcome = Races.run(() -> members.changeRole(owner, carol.accountId(), ownerRole),
                    () -> members.changeRole(admin, carol.accountId(), guestRole));
            // Demoted first, then promoted, is fine: Carol ends Owner. Carol ending as a Guest after both succeeded
            // means the Admin demoted an Owner.
            boolean carolOwner = owners(owner).contains(carol.accountId());
            if (outcome.get(0) == null && outcome.get(1) == null && !carolOwner) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("promotion vs. Admin's demotion: an Admin demoted an Owner", violations, RACES))
                .isZero();
    }

    @Test
    void twoOwnersDemotingEachOtherAtOnceNeverLeaveTheWorkspaceWithoutAnOwner() {
        TenantScope first = teams.newWorkspace("Wanda");
        UUID adminRole = teams.roleId(first, "admin");
        UUID ownerRole = teams.roleId(first, "owner");
        int ownerless = 0;
        for (TenantScope b : teams.joinAll(first, "Walt", "member", RACES)) {
            TenantScope a = first;
            members.changeRole(a, b.accountId(), ownerRole);
            Races.run(() -> members.changeRole(a, b.accountId(), adminRole),
                    () -> members.changeRole(b, a.accountId(), adminRole));
            List<UUID> owners = owners(a);
            if (owners.isEmpty()) {
                ownerless++;
                makeOwner(a, a.accountId());
                owners = List.of(a.accountId());
            }
            first = owners.contains(a.accountId()) ? a : b;
        }
        assertThat(ownerless).as(Races.rate("Owners demoting each other: no Owner left", ownerless, RACES)).isZero();
    }

    @Test
    void twoOwnersLeavingAtOnceNeverLeaveTheWorkspaceWithoutAnOwner() {
        int ownerless = 0;
        TenantScope first = teams.newWorkspace("Xena");
        UUID ownerRole = teams.roleId(first, "owner");
        TenantScope stays = teams.join(first, "Yuri", "member");
        for (TenantScope b : teams.joinAll(first, "Xavier", "member", RACES)) {
            TenantScope a = first;
            members.changeRole(a, b.accountId(), ownerRole);
            Races.run(() -> members.leave(a), () -> members.leave(b));
            List<UUID> owners = owners(stays);
            if (owners.isEmpty()) {
                ownerless++;
                makeOwner(stays, stays.accountId());
                first = stays;
            } else {
                first = owners.contains(a.accountId()) ? a : b;
            }
        }
        assertThat(ownerless).as(Races.rate("Owners leaving at once: no Owner left", ownerless, RACES)).isZero();
    }

    /**
     * An Owner leaving while another Owner transfers ownership to a third member: the heir is an Owner by the time the
     * leave decides, so it is not refused as the last Owner's.
     */
    @Test
    void anOwnerLeavingWhileAnotherTransfersOwnershipIsNotTheLastOwner() {
        int refused = 0;
        TenantScope transferor = teams.newWorkspace("Tara");
        UUID ownerRole = teams.roleId(transferor, "owner");
        for (int i = 0; i < RACES / 2; i++) {
            TenantScope leaver = teams.join(transferor, "Lea " + i, "member");
            members.changeRole(transferor, leaver.accountId(), ownerRole);
            TenantScope heir = teams.join(transferor, "Hugo " + i, "member");
            List<Throwable> outcomes = Races.run(() -> members.transferOwnership(transferor, heir.accountId()),
                    () -> members.leave(leaver));
            if (outcomes.stream().anyMatch(Objects::nonNull)) {
                refused++;
            }
            // The heir hands ownership back, so the next round starts with the same transferor as the one Owner.
            members.transferOwnership(heir, transferor.accountId());
        }
        assertThat(refused).as(Races.rate("leave during a transfer: refused although the heir is an Owner", refused, RACES / 2))
                .isZero();
    }

    private List<UUID> owners(TenantScope scope) {
        return tenantDsl.of(scope).select(MEMBER.ACCOUNT_ID).from(MEMBER).join(ROLE).on(ROLE.ID.eq(MEMBER.ROLE_ID))
                .where(ROLE.KEY.eq(BuiltInRoles.OWNER)).fetch(MEMBER.ACCOUNT_ID);
    }

    /** Repairs a workspace a violation left without an Owner, so that the next race starts from a valid state. */
    private void makeOwner(TenantScope scope, UUID accountId) {
        tenantDsl.of(scope).update(MEMBER)
                .set(MEMBER.ROLE_ID, DSL.field(DSL.select(ROLE.ID).from(ROLE).where(ROLE.KEY.eq(BuiltInRoles.OWNER))))
                .where(MEMBER.ACCOUNT_ID.eq(accountId)).execute();
        access.forgetWorkspace(scope.workspaceId());
    }
}
