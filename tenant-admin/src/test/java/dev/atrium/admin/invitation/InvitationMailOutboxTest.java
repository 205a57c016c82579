package dev.atrium.admin.invitation;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.core.ConditionFactory;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.test.util.AopTestUtils;

import com.icegreen.greenmail.util.GreenMail;

import dev.atrium.admin.RefusingMailServer;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.mail.MailText;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.invitation.InvitationPage.State;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import jakarta.mail.internet.MimeMessage;

/**
 * Invitation e-mails go through the outbox: recorded with the invitation, delivered after the commit, retried while
 * the mail server is away, resubmitted after a stop, never sent with a dead link and never twice at once.
 */
@SpringBootTest
class InvitationMailOutboxTest {

    /** Beyond the interval (one minute) before an invitation can be resent. */
    private static final Duration PAST_RESEND_INTERVAL = Duration.ofMinutes(2);
    /**
     * How long a mail may take to reach its state. The outbox is shared with the other test classes, whose mails may
     * still be retried ahead of this class's (oldest first, a batch at a time) on a busy machine: 10 s was too short.
     */
    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

    /** Deliveries of the same mail started together, per round. */
    private static final int RACERS = 3;
    private static final int ROUNDS = 20;

    @Autowired InvitationService invitations;
    @Autowired InvitationMailOutbox outbox;
    @Autowired InvitationLinkSeal seal;
    @Autowired IncompleteEventPublications publications;
    @Autowired @Qualifier(InvitationMailOutbox.EXECUTOR) ThreadPoolTaskExecutor mailExecutor;
    @Autowired AuditLogService audit;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired GreenMail mailSink;
    @Autowired TestMailbox mailbox;
    @Autowired JavaMailSenderImpl mailSender;
    @Autowired DSLContext platform;
    @Autowired MutableClock clock;

    private static ConditionFactory eventually() {
        return await().atMost(MAIL_WAIT);
    }

    @AfterEach
    void mailServerAndAppBack() {
        mailSender.setPort(mailSink.getSmtp().getPort());
        restartMailExecutor();
    }

    @Test
    void whileTheMailServerIsDownTheInvitationStandsAndItsMailIsDeliveredWhenTheServerIsBack() throws IOException {
        TenantScope owner = teams.newWorkspace("Mona");
        String address = unique("patient");
        mailServerDown();

        InviteOutcome.Sent sent = invitations.invite(owner, address, memberRole(owner), Locale.ENGLISH).invited().getFirst();

        assertThat(sent.link()).contains("/invite/");
        assertThat(sent.mailQueued()).isTrue();
        eventually().until(() -> invitation(owner, sent.invitationId()).mail() == MailDelivery.RETRYING);
        Invitation retrying = invitation(owner, sent.invitationId());
        assertThat(retrying.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(retrying.mailError().problem()).isEqualTo(MailError.Problem.SERVER_REFUSED);
        assertThat(retrying.mailError().detail()).containsIgnoringCase("connect");
        assertThat(mailbox.to(address)).isEmpty();

        mailServerBack();

        eventually().until(() -> invitation(owner, sent.invitationId()).mail() == MailDelivery.SENT);
        assertThat(mailbox.to(address)).singleElement().satisfies(mail -> assertThat(MailText.plainText(mail)).contains(sent.link()));
        assertThat(invitation(owner, sent.invitationId()).mailError()).isNull();
        eventually().until(() -> outboxSize(sent.invitationId()) == 0);
    }

    @Test
    void aMailStillRefusedAtTheLastAttemptIsGivenUpShownAsNotDeliveredAndAudited() throws IOException {
        TenantScope owner = teams.newWorkspace("Milo");
        String address = unique("unlucky");
        mailServerDown();

        UUID id = invitations.invite(owner, address, memberRole(owner), Locale.ENGLISH).invited().getFirst().invitationId();

        // Five attempts with growing delays, behind any other mails the retry job is still trying in this context.
        eventually().until(() -> invitation(owner, id).mail() == MailDelivery.FAILED);
        eventually().until(() -> outboxSize(id) == 0);
        List<AuditEvent> failed = audit.page(owner, new AuditFilter(null, AuditActions.INVITATION_MAIL_FAILED, null, null, null, null),
                null, null, 10).events();
        assertThat(failed).singleElement().satisfies(event -> {
            assertThat(event.actorId()).as("the system acts").isNull();
            assertThat(event.target().id()).isEqualTo(id.toString());
            assertThat(event.after()).containsPattern("\"attempts\":\\s*5").containsIgnoringCase("connect");
        });
        assertThat(invitation(owner, id).mailError().detail()).containsIgnoringCase("connect");

        mailServerBack();
        publications.resubmitIncompletePublications(MailExecutorStops.invitationMailsOf(owner.workspaceId()));
        assertThat(invitation(owner, id).mail()).isEqualTo(MailDelivery.FAILED);
        assertThat(mailbox.to(address)).isEmpty();
    }

    /** An address the mail server refuses for good (5xx) is not tried again: the mail is given up at the first attempt. */
    @Test
    void aMailWhoseAddressTheServerRefusesForGoodIsGivenUpAtOnceAndAudited() {
        TenantScope owner = teams.newWorkspace("Nils");
        String address = unique("nobody");
        try (RefusingMailServer refusing = RefusingMailServer.startFor(mailSender)) {
            UUID id = invitations.invite(owner, address, memberRole(owner), Locale.ENGLISH).invited().getFirst().invitationId();

            eventually().until(() -> invitation(owner, id).mail() == MailDelivery.FAILED);
            Invitation given = invitation(owner, id);
            assertThat(given.mailError().problem()).isEqualTo(MailError.Problem.ADDRESS_REJECTED);
            assertThat(given.mailError().detail()).startsWith("553").contains(address);
            eventually().until(() -> outboxSize(id) == 0);
            List<AuditEvent> failed = audit.page(owner, new AuditFilter(null, AuditActions.INVITATION_MAIL_FAILED, null, null, null, null),
                    null, null, 10).events();
            assertThat(failed).singleElement().satisfies(event -> assertThat(event.after())
                    .containsPattern("\"attempts\":\\s*1\\b").contains("address-rejected"));
            assertThat(refusing.refusals(address)).isOne();
        }
    }

    @Test
    void aMailCommittedButNotSentBeforeTheAppStoppedIsDeliveredAfterTheRestart() {
        TenantScope owner = teams.newWorkspace("Maya");
        String address = unique("stopped");
        appStopping();

        InviteOutcome.Sent sent = invitations.invite(owner, address, memberRole(owner), Locale.ENGLISH).invited().getFirst();

        assertThat(outboxSize(sent.invitationId())).as("recorded in the invitation's transaction").isOne();
        assertThat(invitation(owner, sent.invitationId()).mail()).isEqualTo(MailDelivery.QUEUED);
        assertThat(mailbox.to(address)).isEmpty();

        restartMailExecutor();
        // What spring.modulith.events.republish-outstanding-events-on-restart runs at start-up, for this workspace.
        publications.resubmitIncompletePublications(MailExecutorStops.invitationMailsOf(owner.workspaceId()));

        eventually().until(() -> invitation(owner, sent.invitationId()).mail() == MailDelivery.SENT);
        assertThat(mailbox.to(address)).singleElement().satisfies(mail -> assertThat(MailText.plainText(mail)).contains(sent.link()));
        eventually().until(() -> outboxSize(sent.invitationId()) == 0);
    }

    @Test
    void theOutboxHoldsTheLinkOnlyEncryptedForItsOwnInvitation() {
        TenantScope owner = teams.newWorkspace("Mira");
        appStopping();

        InviteOutcome.Sent sent = invitations.invite(owner, unique("sealed"), memberRole(owner), Locale.ENGLISH).invited().getFirst();

        String token = tokenOf(sent.link());
        String serialized = platform.select(DSL.field("serialized_event", String.class)).from(DSL.table(DSL.name("platform", "event_publication")))
                .where(DSL.field("serialized_event", String.class).contains(sent.invitationId().toString())).fetchSingle().value1();
        assertThat(serialized).doesNotContain(token).contains("sealedToken");
        String sealed = seal.seal(owner.workspaceId(), sent.invitationId(), token);
        assertThat(seal.open(owner.workspaceId(), sent.invitationId(), sealed)).contains(token);
        assertThat(seal.open(owner.workspaceId(), UUID.randomUUID(), sealed)).as("another invitation's").isEmpty();
        assertThat(seal.open(UUID.randomUUID(), sent.invitationId(), sealed)).as("another workspace's").isEmpty();
    }

    @Test
    void aMailWhoseLinkDiedBeforeDeliveryIsDroppedAndOnlyTheCurrentLinkIsSent() throws IOException {
        TenantScope owner = teams.newWorkspace("Malu");
        Account resent = accounts.newAccount("Rhea");
        String cancelled = unique("cancelled");
        mailServerDown();
        InviteOutcome outcome = invitations.invite(owner, resent.email() + ", " + cancelled, memberRole(owner), Locale.ENGLISH);
        UUID resentId = outcome.invited().get(0).invitationId();
        UUID cancelledId = outcome.invited().get(1).invitationId();
        eventually().until(() -> invitation(owner, resentId).mail() == MailDelivery.RETRYING
                && invitation(owner, cancelledId).mail() == MailDelivery.RETRYING);

        invitations.cancel(owner, List.of(cancelledId));
        clock.advance(PAST_RESEND_INTERVAL);
        assertThat(invitations.resend(owner, List.of(resentId), Locale.ENGLISH).done()).containsExactly(resent.email());
        mailServerBack();

        eventually().until(() -> invitation(owner, resentId).mail() == MailDelivery.SENT);
        eventually().until(() -> outboxSize(resentId) == 0 && outboxSize(cancelledId) == 0);
        assertThat(mailbox.to(cancelled)).isEmpty();
        MimeMessage[] mails = mailbox.to(resent.email());
        assertThat(mails).hasSize(1);
        String link = MailText.linkIn(mails[0]);
        assertThat(link).isNotEqualTo(outcome.invited().get(0).link());
        assertThat(invitations.open(tokenOf(link), resent.id()).state()).isEqualTo(State.VALID);
        assertThat(invitation(owner, cancelledId).mail()).as("never delivered").isEqualTo(MailDelivery.RETRYING);
    }

    /** Nodes resubmitting the same publication at once, or a resubmission racing the first delivery: one mail. */
    @Test
    void deliveriesOfTheSameMailStartedTogetherSendItOnce() throws Exception {
        TenantScope owner = teams.newWorkspace("Mateo");
        InvitationMailOutbox unproxied = AopTestUtils.getTargetObject(outbox);
        ExecutorService threads = Executors.newFixedThreadPool(RACERS);
        int duplicated = 0;
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String address = unique("once" + round);
                appStopping();
                InviteOutcome.Sent sent = invitations.invite(owner, address, memberRole(owner), Locale.ENGLISH).invited().getFirst();
                String token = tokenOf(sent.link());
                InvitationMailQueued mail = new InvitationMailQueued(owner.workspaceId(), sent.invitationId(), owner.accountId(),
                        sent.link().substring(0, sent.link().length() - token.length()),
                        seal.seal(owner.workspaceId(), sent.invitationId(), token), "en");
                CyclicBarrier start = new CyclicBarrier(RACERS);
                List<Future<?>> racers = new ArrayList<>();
                for (int r = 0; r < RACERS; r++) {
                    racers.add(threads.submit(() -> {
                        start.await();
                        unproxied.deliver(mail);
                        return null;
                    }));
                }
                for (Future<?> racer : racers) {
                    racer.get();
                }
                restartMailExecutor();
                publications.resubmitIncompletePublications(MailExecutorStops.invitationMailsOf(owner.workspaceId()));
                eventually().until(() -> outboxSize(sent.invitationId()) == 0);
                if (mailbox.to(address).length != 1) {
                    duplicated++;
                }
                assertThat(invitation(owner, sent.invitationId()).mail()).isEqualTo(MailDelivery.SENT);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(duplicated).as("rounds of %d in which the mail did not arrive exactly once", ROUNDS).isZero();
    }

    private Invitation invitation(TenantScope owner, UUID id) {
        return invitations.page(owner, InvitationFilter.NONE, new PageRequest(0, 100, List.of())).stream()
                .filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    /** Publications of this invitation's mails not completed yet (completed ones are deleted). */
    private int outboxSize(UUID invitationId) {
        return platform.fetchCount(DSL.table(DSL.name("platform", "event_publication")),
                DSL.field("serialized_event", String.class).contains(invitationId.toString()));
    }

    private void mailServerDown() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            mailSender.setPort(socket.getLocalPort());
        }
    }

    private void mailServerBack() {
        mailSender.setPort(mailSink.getSmtp().getPort());
    }

    /** As when the application shuts down: the mail executor takes no more work, so mails stay in the outbox. */
    private void appStopping() {
        MailExecutorStops.stop(mailExecutor);
    }

    private void restartMailExecutor() {
        MailExecutorStops.restart(mailExecutor);
    }


    private UUID memberRole(TenantScope scope) {
        return teams.roleId(scope, "member");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }
}
