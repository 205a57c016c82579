package dev.atrium.admin.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/**
 * Two members acting on the same selected invitations at once, each selection in its own order (as they clicked them,
 * or as each one's grid was sorted): both finish, none fails on a deadlock, and each invitation is closed once.
 */
@SpringBootTest
class BulkInvitationLockOrderRaceTest {

    /** Beyond the interval (one minute) before an invitation can be resent. */
    private static final Duration PAST_RESEND_INTERVAL = Duration.ofMinutes(2);
    /** Without the ordered lock, 20 of 20 and 19 of 20 races failed on a deadlock. */
    private static final int RACES = 10;
    private static final int SELECTED = 6;

    @Autowired InvitationService invitations;
    @Autowired TestWorkspaces teams;
    @Autowired MutableClock clock;

    @Test
    void twoCancelsOfTheSameInvitationsInOppositeOrdersBothFinishAndCancelEachOnce() {
        assertBothFinish("cancel / cancel", (scope, ids) -> invitations.cancel(scope, ids), (scope, ids) -> invitations.cancel(scope, ids),
                (one, other) -> {
                    assertThat(one.done()).noneMatch(other.done()::contains);
                    assertThat(one.done().size() + other.done().size()).isEqualTo(SELECTED);
                });
    }

    @Test
    void aResendAndACancelOfTheSameInvitationsInOppositeOrdersBothFinish() {
        assertBothFinish("resend / cancel", (scope, ids) -> invitations.resend(scope, ids, Locale.ENGLISH),
                (scope, ids) -> invitations.cancel(scope, ids),
                // Each was cancelled, resent first or not: a cancel that came first leaves nothing to resend.
                (resent, cancelled) -> assertThat(cancelled.done()).hasSize(SELECTED));
    }

    /**
     * A resend of invitations that newer ones replaced, and a cancel of them with their replacements, at once: both
     * finish. The resend used to look for each newer invitation under a lock after taking its own, out of the cancel's
     * id order: 1 of 10 races deadlocked, in each of two runs (the resend's way to its locks is longer, so most races
     * do not overlap there).
     */
    @Test
    void aResendOfReplacedInvitationsAndACancelOfThemWithTheirReplacementsBothFinish() {
        int failed = 0;
        for (int i = 0; i < RACES; i++) {
            TenantScope owner = teams.newWorkspace("Replaced " + i);
            TenantScope admin = teams.join(owner, "Replaced Admin " + i, "admin");
            UUID member = teams.roleId(owner, "member");
            String addresses = IntStream.range(0, SELECTED / 2).mapToObj(k -> "replaced-" + k + "-" + UUID.randomUUID() + "@example.test")
                    .collect(Collectors.joining(", "));
            List<UUID> replaced = invitedIds(invitations.invite(owner, addresses, member, Locale.ENGLISH));
            clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));
            List<UUID> all = new ArrayList<>(invitedIds(invitations.invite(owner, addresses, member, Locale.ENGLISH)));
            all.addAll(replaced);
            BulkOutcome[] outcome = new BulkOutcome[2];
            List<Throwable> thrown = Races.run(() -> outcome[0] = invitations.resend(owner, replaced, Locale.ENGLISH),
                    () -> outcome[1] = invitations.cancel(admin, all));
            if (thrown.stream().anyMatch(Objects::nonNull)) {
                failed++;
                continue;
            }
            assertThat(outcome[0].done()).isEmpty();
            assertThat(outcome[1].done()).hasSize(SELECTED / 2);
            assertThat(outcome[1].rejected()).hasSize(SELECTED / 2)
                    .allSatisfy(r -> assertThat(r.reason().code()).isEqualTo("invitation.newer-exists"));
        }
        assertThat(failed).as(Races.rate("resend of replaced invitations / cancel of them and their replacements: one failed", failed,
                RACES)).isZero();
    }

    private static List<UUID> invitedIds(InviteOutcome outcome) {
        return outcome.invited().stream().map(InviteOutcome.Sent::invitationId).toList();
    }

    private void assertBothFinish(String race, BiFunction<TenantScope, Collection<UUID>, BulkOutcome> first,
            BiFunction<TenantScope, Collection<UUID>, BulkOutcome> second, BiConsumer<BulkOutcome, BulkOutcome> outcomes) {
        int failed = 0;
        for (int i = 0; i < RACES; i++) {
            // A workspace per race: the resend allowance is per workspace.
            TenantScope owner = teams.newWorkspace("Lock Order " + i);
            TenantScope admin = teams.join(owner, "Lock Order Admin " + i, "admin");
            List<UUID> ids = new ArrayList<>();
            for (int k = 0; k < SELECTED; k++) {
                ids.add(invitations.invite(owner, "lock-order-" + k + "-" + UUID.randomUUID() + "@example.test",
                        teams.roleId(owner, "member"), Locale.ENGLISH).invited().getFirst().invitationId());
            }
            clock.advance(PAST_RESEND_INTERVAL);
            BulkOutcome[] outcome = new BulkOutcome[2];
            List<Throwable> thrown = Races.run(() -> outcome[0] = first.apply(owner, ids),
                    () -> outcome[1] = second.apply(admin, ids.reversed()));
            if (thrown.stream().anyMatch(Objects::nonNull)) {
                failed++;
                continue;
            }
            outcomes.accept(outcome[0], outcome[1]);
        }
        assertThat(failed).as(Races.rate(race + " in opposite orders: one failed", failed, RACES)).isZero();
    }
}
