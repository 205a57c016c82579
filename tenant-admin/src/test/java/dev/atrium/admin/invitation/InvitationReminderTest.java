package dev.atrium.admin.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.jobs.ClusterJobs;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import jakarta.mail.MessagingException;

/**
 * Reminders of pending invitations: off by default; when on, one mail per invitation N days before it expires, audited
 * with the system as the actor, never twice — also when two runs (two nodes) race.
 */
@SpringBootTest
class InvitationReminderTest {

    private static final int RACES = 20;

    @Autowired InvitationService invitations;
    @Autowired InvitationReminders reminders;
    @Autowired TestWorkspaces teams;
    @Autowired TenantBinder binder;
    @Autowired MutableClock clock;
    @Autowired TestMailbox mailbox;
    @Autowired AuditLogService audit;
    @Autowired ClusterJobs jobs;

    @Test
    void remindersAreOffUntilTheWorkspaceSwitchesThemOn() {
        TenantScope owner = teams.newWorkspace("Reminder Off");
        invitations.invite(owner, address("off"), teams.roleId(owner, "member"), Locale.ENGLISH);
        clock.advance(Duration.ofDays(6));

        assertThat(invitations.reminderDays(owner)).isEmpty();
        assertThat(reminders.remindDue(system(owner))).isZero();
    }

    @Test
    void aPendingInvitationIsRemindedOnceWhenItExpiresWithinTheSetDaysAndTheReminderIsAudited() throws MessagingException {
        TenantScope owner = teams.newWorkspace("Reminder On");
        String email = address("remind");
        invitations.invite(owner, email, teams.roleId(owner, "member"), Locale.ENGLISH);
        mailbox.awaitOneTo(email);
        invitations.setReminderDays(owner, OptionalInt.of(3));

        assertThat(reminders.remindDue(system(owner))).as("expires in 7 days: not yet").isZero();
        clock.advance(Duration.ofDays(4).plusHours(1));
        jobs.runNow("invitation-reminders");

        var mails = mailbox.awaitTo(email, 2);
        assertThat(mails[1].getSubject()).startsWith("Atrium: reminder").contains("Reminder On");
        assertThat(reminders.remindDue(system(owner))).as("at most once").isZero();
        List<AuditEvent> reminded = audit.page(owner, new AuditFilter(null, AuditActions.INVITATION_REMINDED, null, null, null, null),
                null, null, 10).events();
        assertThat(reminded).singleElement().satisfies(event -> {
            assertThat(event.actorKind()).isEqualTo(Actor.Kind.SYSTEM);
            assertThat(event.target().label()).isEqualTo(email);
        });
    }

    @Test
    void reminderDaysOutsideOneToTwentyNineAreRefused() {
        TenantScope owner = teams.newWorkspace("Reminder Range");
        assertThatThrownBy(() -> invitations.setReminderDays(owner, OptionalInt.of(30))).isInstanceOf(InvitationException.class);
        assertThatThrownBy(() -> invitations.setReminderDays(owner, OptionalInt.of(0))).isInstanceOf(InvitationException.class);
        assertThat(invitations.reminderDays(owner)).isEmpty();
    }

    /**
     * Measured with a select-then-update (no {@code reminded_at IS NULL} in the update): 20 of 20 races reminded
     * invitations twice. With the conditional update: 0 of 20.
     */
    @Test
    void twoRunsAtOnceRemindEachInvitationExactlyOnce() {
        TenantScope owner = teams.newWorkspace("Reminder Race");
        // Due at once (29 days before a 7-day expiry): no clock to move per race.
        invitations.setReminderDays(owner, OptionalInt.of(29));
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            String addresses = IntStream.range(0, 3).mapToObj(n -> address("race")).collect(Collectors.joining(","));
            invitations.invite(owner, addresses, teams.roleId(owner, "member"), Locale.ENGLISH);
            AtomicInteger sent = new AtomicInteger();
            List<Throwable> outcomes = Races.run(() -> sent.addAndGet(reminders.remindDue(system(owner))),
                    () -> sent.addAndGet(reminders.remindDue(system(owner))));
            assertThat(outcomes).containsOnlyNulls();
            if (sent.get() != 3) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("an invitation is reminded at most once", violations, RACES)).isZero();
    }

    private static String address(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    private TenantScope system(TenantScope scope) {
        return binder.bindSystem(scope.workspaceId());
    }
}
