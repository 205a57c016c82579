package dev.atrium.admin.invitation;

import static dev.atrium.db.jooq.tenant.Tables.INVITATION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Two members invite the same addresses at the same moment (or one form is sent twice): one invitation per address,
 * and the invite that came second is told the address has a pending invitation, as it would be a moment later.
 */
@SpringBootTest
class SameAddressInviteRaceTest {

    /**
     * Without the insert's conflict clause, 20 of 20 races failed on the unique index; with it but without the lock order
     * of InvitationService.lockForInviting, 15 of 20 in opposite orders deadlocked.
     */
    private static final int RACES = 20;

    @Autowired InvitationService invitations;
    @Autowired TestWorkspaces teams;
    @Autowired TenantDsl tenantDsl;

    @Test
    void twoInvitesOfTheSameAddressesAtOnceMakeOneInvitationEachAndTheOtherIsToldItIsPending() {
        assertOneInvitationPerAddress("the same addresses invited twice at once", false);
    }

    @Test
    void twoInvitesOfTheSameAddressesInOppositeOrdersAtOnceBothFinish() {
        assertOneInvitationPerAddress("the same addresses invited twice at once, in opposite orders", true);
    }

    private void assertOneInvitationPerAddress(String race, boolean oppositeOrders) {
        TenantScope owner = teams.newWorkspace("Same Address Owner");
        TenantScope admin = teams.join(owner, "Same Address Admin", "admin");
        UUID member = teams.roleId(owner, "member");
        int failed = 0;
        for (int i = 0; i < RACES; i++) {
            String a = "same-" + i + "-a-" + UUID.randomUUID() + "@example.test";
            String b = "same-" + i + "-b-" + UUID.randomUUID() + "@example.test";
            InviteOutcome[] outcome = new InviteOutcome[2];
            List<Throwable> thrown = Races.run(() -> outcome[0] = invitations.invite(owner, a + ", " + b, member, Locale.ENGLISH),
                    () -> outcome[1] = invitations.invite(admin, oppositeOrders ? b + ", " + a : a + ", " + b, member, Locale.ENGLISH));
            if (thrown.stream().anyMatch(Objects::nonNull)) {
                failed++;
                continue;
            }
            assertThat(outcome[0].invited().size() + outcome[1].invited().size()).isEqualTo(2);
            assertThat(outcome[0].rejected().size() + outcome[1].rejected().size()).isEqualTo(2);
            assertThat(List.of(outcome[0], outcome[1])).flatMap(InviteOutcome::rejected)
                    .allSatisfy(rejected -> assertThat(rejected.reason().code()).isEqualTo("invitation.address.pending"));
        }
        assertThat(failed).as(Races.rate(race + ": one invite failed", failed, RACES)).isZero();
        assertThat(tenantDsl.of(owner).fetchCount(INVITATION, INVITATION.STATUS.eq(InvitationStatus.PENDING.dbValue()))).isEqualTo(2 * RACES);
    }
}
