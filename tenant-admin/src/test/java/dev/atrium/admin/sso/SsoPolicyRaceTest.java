package dev.atrium.admin.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.member.Member;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Rules that read and then write, raced with real threads released together (20 rounds each):
 * <ul>
 * <li>a sign-in applying a group mapping while the Owner hands ownership to that very member: the workspace must keep
 * its Owner (the mapping never changes an Owner) and both must succeed. Without locking the member rows before reading
 * them: 18 of 20 races broke it (the sign-in failed on the final Owner check, or the workspace lost its Owner); with the
 * locks (member rows in account order, as every member change takes them): 0 of 20.</li>
 * <li>a sign-in applying a group mapping while the Owner demotes the admin who configured it: the audit log must never
 * show the grant after the demotion (a grant beyond the configurer's rights at that moment). Without locking the
 * configurer's row: 5 of 20; with it: 0 of 20.</li>
 * <li>two admins saving the policies at once: each audit event's "before" is the "after" of the one before it. Without
 * locking the policy row: 19 of 20; with {@code SELECT … FOR UPDATE}: 0 of 20.</li>
 * </ul>
 */
@SpringBootTest
class SsoPolicyRaceTest {

    private static final int RACES = 20;

    @Autowired SsoPolicyService policies;
    @Autowired TestWorkspaces teams;
    @Autowired MemberService members;
    @Autowired TenantBinder binder;
    @Autowired AuditLogService audit;

    @Test
    void aMappingAppliedWhileTheOwnerHandsOwnershipToThatMemberNeverLeavesTheWorkspaceWithoutAnOwner() {
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            TenantScope owner = teams.newWorkspace("Olli");
            TenantScope heir = teams.join(owner, "Hana", "guest");
            policies.addMapping(owner, "staff", teams.roleId(owner, "member"));
            TenantScope system = binder.bindSystem(owner.workspaceId());

            List<Throwable> outcomes = Races.run(
                    () -> policies.applyGroupRoles(system, heir.accountId(), List.of("staff")),
                    () -> members.transferOwnership(owner, heir.accountId()));

            boolean hasOwner = members.find(owner, heir.accountId()).map(Member::owner).orElse(false)
                    || members.find(owner, owner.accountId()).map(Member::owner).orElse(false);
            if (!hasOwner || outcomes.stream().anyMatch(Objects::nonNull)) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("a mapping applied during an ownership transfer: both succeed, an Owner is left",
                violations, RACES))
                .isZero();
    }

    @Test
    void aMappingIsNeverAppliedAfterItsConfigurerWasDemotedBelowItsRole() {
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            TenantScope owner = teams.newWorkspace("Orla");
            TenantScope admin = teams.join(owner, "Abe", "admin");
            TenantScope person = teams.join(owner, "Pia", "guest");
            policies.addMapping(admin, "leads", teams.roleId(owner, "admin"));
            TenantScope system = binder.bindSystem(owner.workspaceId());
            UUID memberRole = teams.roleId(owner, "member");

            List<Throwable> outcomes = Races.run(
                    () -> policies.applyGroupRoles(system, person.accountId(), List.of("leads")),
                    () -> members.changeRole(owner, admin.accountId(), memberRole));

            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isNull());
            List<AuditEvent> changes = events(owner, AuditActions.MEMBER_ROLE_CHANGED);
            long demotedAt = seqOf(changes, admin.accountId());
            long grantedAt = seqOf(changes, person.accountId());
            if (grantedAt > demotedAt) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("a mapping's grant is never recorded after its configurer's demotion", violations, RACES))
                .isZero();
    }

    @Test
    void twoAdminsSavingThePoliciesAtOnceLeaveAnAuditTrailWhoseBeforeIsAlwaysThePreviousAfter() {
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            TenantScope owner = teams.newWorkspace("Pola");
            TenantScope admin = teams.join(owner, "Amo", "admin");

            List<Throwable> outcomes = Races.run(
                    () -> policies.save(owner, new SsoPolicyDraft(false, false, MfaPreset.OKTA, "mfa phr", "okta-groups")),
                    () -> policies.save(admin, new SsoPolicyDraft(false, false, MfaPreset.ENTRA_ID, "mfa", "entra-groups")));

            assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).satisfiesAnyOf(
                    o -> assertThat(o).isNull(), o -> assertThat(o).isInstanceOf(AtriumRefusal.class)));
            List<AuditEvent> changes = events(owner, AuditActions.SSO_POLICY_CHANGED).stream()
                    .sorted(Comparator.comparingLong(AuditEvent::seq)).toList();
            for (int e = 1; e < changes.size(); e++) {
                if (!changes.get(e).before().equals(changes.get(e - 1).after())) {
                    violations++;
                    break;
                }
            }
        }
        assertThat(violations).as(Races.rate("each policy change's before is the previous change's after", violations, RACES))
                .isZero();
    }

    /** The seq of the latest role change of the member; 0 when there is none. */
    private static long seqOf(List<AuditEvent> changes, UUID accountId) {
        return changes.stream().filter(e -> e.target() != null && e.target().id().equals(accountId.toString()))
                .mapToLong(AuditEvent::seq).max().orElse(0);
    }

    private List<AuditEvent> events(TenantScope scope, String action) {
        return audit.page(scope, new AuditFilter(null, action, null, null, null, null), null, null, 100).events();
    }
}
