package dev.atrium.admin.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;

import dev.atrium.admin.Races;
import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestApplication;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.jobs.ClusterJobs;
import dev.atrium.admin.mail.MailText;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.text.DisplayText;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.webhook.WebhookDelivery.Status;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Webhooks from change to receiver: signed Standard Webhooks messages, retried with backoff until delivered, picked up
 * by another node after a stop, sent once when workers race, and after a day of failures the endpoint is disabled.
 */
@SpringBootTest
class WebhookDeliveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired WebhookService webhooks;
    @Autowired WebhookDeliveries deliveries;
    @Autowired TestWorkspaces teams;
    @Autowired TenantBinder binder;
    @Autowired AuditLogService audit;
    @Autowired ClusterJobs clusterJobs;
    @Autowired MutableClock clock;
    @Autowired AccountService accounts;
    @Autowired TestMailbox mailbox;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired DSLContext platform;

    private final WebhookReceiver receiver = newReceiver();

    @AfterEach
    void closeReceiverAndRunJobs() {
        receiver.close();
        if (!clusterJobs.isRunning()) {
            clusterJobs.start();
        }
    }

    @Test
    void aMemberJoiningSendsOneSignedMemberJoinedMessage() {
        TenantScope owner = teams.newWorkspace("Wanda");
        CreatedWebhook created = memberJoinedEndpoint(owner);

        TenantScope joined = teams.join(owner, "Jonas", "member");

        await().until(() -> receiver.received().size() == 1);
        WebhookReceiver.Received message = receiver.received().getFirst();
        assertThat(message.verifiesWith(created.secret(), clock)).as("signed with the endpoint's secret").isTrue();
        assertThat(message.verifiesWith(WebhookSecrets.newSecret(), clock)).as("not with any other").isFalse();
        JsonNode body = JSON.readTree(message.body());
        assertThat(body.path("type").asString()).isEqualTo("member.joined");
        assertThat(body.path("version").asInt()).isEqualTo(1);
        assertThat(body.path("timestamp").asString()).isNotBlank();
        assertThat(body.path("data").path("action").asString()).isEqualTo("member.joined");
        assertThat(body.path("data").path("workspace").path("id").asString()).isEqualTo(owner.workspaceId().toString());
        assertThat(body.path("data").path("target").path("id").asString()).isEqualTo(joined.accountId().toString());
        assertThat(message.body()).doesNotContain("whsec_").doesNotContain("/invite/");
        WebhookDelivery logged = onlyDelivery(owner, created.endpoint().id());
        assertThat(logged.id().toString()).as("the webhook-id is the logged message's id").isEqualTo(message.id());
        await().until(() -> onlyDelivery(owner, created.endpoint().id()).status() == Status.DELIVERED);
        assertThat(onlyDelivery(owner, created.endpoint().id()).attempts()).singleElement()
                .satisfies(attempt -> assertThat(attempt.httpStatus()).isEqualTo(200));
    }

    /**
     * The job's runs visit the workspaces that have had an endpoint, not every workspace, so that they do not grow with
     * the number of workspaces; once an hour (and at a node's first run) it visits all, for endpoints from before.
     */
    @Test
    void betweenFullSweepsTheJobVisitsOnlyWorkspacesThatHaveHadAnEndpoint() {
        clusterJobs.stop();
        teams.newWorkspace("Quentin");
        TenantScope owner = teams.newWorkspace("Wilma");
        memberJoinedEndpoint(owner);
        clock.advance(WebhookDeliveries.FULL_SWEEP_INTERVAL);
        List<UUID> served = binder.systemScopes().stream().map(TenantScope::workspaceId).toList();
        List<UUID> withEndpoints = platform.select(DSL.field(DSL.name("workspace_id"), UUID.class))
                .from(DSL.table(DSL.name("platform", "webhook_workspace"))).fetch(0, UUID.class);

        assertThat(deliveries.deliverDueEverywhere()).as("a full sweep").isEqualTo(served.size());
        assertThat(deliveries.deliverDueEverywhere())
                .isEqualTo(served.stream().filter(withEndpoints::contains).count())
                .isLessThan(served.size());
        clock.advance(WebhookDeliveries.FULL_SWEEP_INTERVAL);
        assertThat(deliveries.deliverDueEverywhere()).as("the next full sweep").isEqualTo(served.size());
    }

    @Test
    void aReceiverFailingTwiceGetsTheMessageOnTheThirdAttemptAfterTheBackoff() {
        receiver.answering(500, 503);
        TenantScope owner = teams.newWorkspace("Fabian");
        CreatedWebhook created = memberJoinedEndpoint(owner);
        UUID endpoint = created.endpoint().id();

        teams.join(owner, "Flora", "member");

        await().until(() -> onlyDelivery(owner, endpoint).attemptCount() == 1);
        WebhookDelivery afterFirst = onlyDelivery(owner, endpoint);
        assertThat(afterFirst.status()).isEqualTo(Status.PENDING);
        assertThat(Duration.between(afterFirst.attempts().getFirst().at(), afterFirst.nextAttemptAt()))
                .isEqualTo(deliveries.delayAfter(1));
        assertThat(receiver.received()).hasSize(1);

        clock.advance(deliveries.delayAfter(1));
        await().until(() -> onlyDelivery(owner, endpoint).attemptCount() == 2);
        WebhookDelivery afterSecond = onlyDelivery(owner, endpoint);
        assertThat(Duration.between(afterSecond.attempts().getLast().at(), afterSecond.nextAttemptAt()))
                .as("the wait doubles").isEqualTo(deliveries.delayAfter(1).multipliedBy(2));

        clock.advance(deliveries.delayAfter(2));
        await().until(() -> onlyDelivery(owner, endpoint).status() == Status.DELIVERED);

        WebhookDelivery delivered = onlyDelivery(owner, endpoint);
        assertThat(delivered.attempts()).extracting(WebhookDelivery.Attempt::httpStatus).containsExactly(500, 503, 200);
        assertThat(delivered.attempts()).allSatisfy(attempt -> assertThat(attempt.latencyMillis()).isNotNegative());
        assertThat(delivered.attempts().getFirst().error()).isEqualTo("HTTP 500");
        assertThat(receiver.received()).hasSize(3).allSatisfy(message -> {
            assertThat(message.id()).as("the same webhook-id each time").isEqualTo(delivered.id().toString());
            assertThat(message.verifiesWith(created.secret(), clock)).isTrue();
        });
    }

    @Test
    void aRestartInTheMiddleOfRetriesLosesNothingAndSendsNothingTwice() {
        receiver.answering(500);
        TenantScope owner = teams.newWorkspace("Rita");
        CreatedWebhook created = memberJoinedEndpoint(owner);
        UUID endpoint = created.endpoint().id();
        teams.join(owner, "Robin", "member");
        await().until(() -> onlyDelivery(owner, endpoint).attemptCount() == 1);

        clusterJobs.stop();
        clock.advance(deliveries.delayAfter(1));
        Scheduler restarted = clusterJobs.newNode(List.of(), "restarted");
        restarted.start();
        try {
            await().until(() -> onlyDelivery(owner, endpoint).status() == Status.DELIVERED);
            clock.advance(Duration.ofHours(2));
            assertThat(deliveries.deliverDue(binder.bindSystem(owner.workspaceId()))).as("nothing is due any more").isZero();
        } finally {
            restarted.stop();
        }
        assertThat(receiver.received()).extracting(WebhookReceiver.Received::answered).containsExactly(500, 200);
        assertThat(onlyDelivery(owner, endpoint).attempts()).hasSize(2);
    }

    @Test
    void twoWorkersOnTheSameDueMessagesSendEachOnceInOrder() {
        int rounds = 8;
        int messages = 3;
        TenantScope owner = teams.newWorkspace("Tilda");
        TenantScope system = binder.bindSystem(owner.workspaceId());
        clusterJobs.stop();
        int violations = 0;
        for (int round = 0; round < rounds; round++) {
            int before = receiver.received().size();
            UUID endpoint = memberJoinedEndpoint(owner).endpoint().id();
            webhooks.setEnabled(owner, endpoint, false);
            for (int i = 0; i < messages; i++) {
                webhooks.sendTest(owner, endpoint);
            }
            // Enabling also sends at once after its commit: a third worker in the race.
            Races.run(() -> webhooks.setEnabled(owner, endpoint, true),
                    () -> deliveries.deliverDue(system), () -> deliveries.deliverDue(system));
            await().until(() -> webhooks.deliveries(owner, endpoint).stream().allMatch(d -> d.status() == Status.DELIVERED));
            List<WebhookReceiver.Received> sentThisRound = receiver.received().subList(before, receiver.received().size());
            Map<String, Long> sends = sentThisRound.stream().collect(Collectors.groupingBy(WebhookReceiver.Received::id, Collectors.counting()));
            List<String> sentOrder = sentThisRound.stream().map(WebhookReceiver.Received::id).toList();
            List<String> createdOrder = webhooks.deliveries(owner, endpoint).reversed().stream().map(d -> d.id().toString()).toList();
            if (sends.size() != messages || sends.values().stream().anyMatch(n -> n != 1) || !sentOrder.equals(createdOrder)) {
                violations++;
            }
        }
        Races.rate("each webhook message sent once, in creation order", violations, rounds);
        assertThat(violations).isZero();
    }

    @Test
    void aDayOfFailuresDisablesTheEndpointAndTellsTheAdmins() throws MessagingException {
        clusterJobs.stop(); // this test's calls are the only worker, so the rolled-back last attempt below is really the last
        receiver.thenAlways(503);
        TenantScope owner = teams.newWorkspace("Dora");
        TenantScope system = binder.bindSystem(owner.workspaceId());
        TenantScope admin = teams.join(owner, "Adele", "admin");
        accounts.changeLanguage(admin.accountId(), Locale.GERMAN);
        CreatedWebhook created = memberJoinedEndpoint(owner);
        UUID endpoint = created.endpoint().id();
        TenantScope member = teams.join(owner, "Dario", "member");
        await().until(() -> onlyDelivery(owner, endpoint).attemptCount() == 1);

        Duration window = Duration.ofHours(24);
        Duration waited = Duration.ZERO;
        boolean rolledBack = false;
        while (onlyDelivery(owner, endpoint).status() == Status.PENDING) {
            WebhookDelivery pending = onlyDelivery(owner, endpoint);
            Duration wait = Duration.between(pending.attempts().getLast().at(), pending.nextAttemptAt());
            clock.advance(wait);
            waited = waited.plus(wait);
            if (!rolledBack && !clock.instant().isBefore(pending.attempts().getFirst().at().plus(window).toInstant())) {
                // The last attempt, in a transaction that rolls back: the endpoint stays enabled and no mail is queued.
                new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                    deliveries.deliverDue(system);
                    assertThat(outboxSize(receiver.url())).as("queued with the disable").isEqualTo(2);
                    status.setRollbackOnly();
                });
                rolledBack = true;
                assertThat(outboxSize(receiver.url())).as("a disable rolled back sends nothing").isZero();
                assertThat(webhooks.list(owner).getFirst().enabled()).isTrue();
            }
            int attempts = onlyDelivery(owner, endpoint).attemptCount();
            await().until(() -> {
                deliveries.deliverDue(system);
                return onlyDelivery(owner, endpoint).attemptCount() > attempts;
            });
            assertThat(waited).as("gives up once the day is over, not later").isLessThanOrEqualTo(window.plus(Duration.ofHours(1)));
        }

        WebhookDelivery failed = onlyDelivery(owner, endpoint);
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(Duration.between(failed.attempts().getFirst().at(), failed.attempts().getLast().at())).isGreaterThanOrEqualTo(window);
        WebhookEndpoint disabled = webhooks.list(owner).getFirst();
        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.disabledReason()).isEqualTo("HTTP 503");
        List<AuditEvent> told = audit.page(owner, new AuditFilter(null, AuditActions.WEBHOOK_DISABLED_AFTER_FAILURES, null, null, null, null),
                null, null, 10).events();
        assertThat(told).singleElement().satisfies(event -> {
            assertThat(event.actorId()).as("the system acts").isNull();
            assertThat(event.target().id()).isEqualTo(endpoint.toString());
        });

        assertThat(rolledBack).isTrue();

        String link = TestApplication.PUBLIC_URL + "/w/" + owner.slug() + "/webhooks";
        String shownUrl = DisplayText.unlinkable(receiver.url(), 300);
        String ownerAddress = accounts.find(owner.accountId()).orElseThrow().email();
        await().until(() -> disabledMailsTo(ownerAddress).size() == 1 && disabledMailsTo(email(admin)).size() == 1);
        MimeMessage toOwner = disabledMailsTo(ownerAddress).getFirst();
        assertThat(toOwner.getSubject()).isEqualTo("Atrium: a webhook endpoint of the workspace \"" + owner.workspaceName() + "\" was disabled");
        assertThat(MailText.plainText(toOwner))
                .contains("Deliveries to the webhook endpoint " + shownUrl + " of the workspace \"" + owner.workspaceName()
                        + "\" on Atrium failed for a day, so the endpoint was disabled. The last error was: HTTP 503")
                .as("the URL is quoted, never a link").doesNotContain(receiver.url())
                .containsSubsequence("Open the webhooks:", link);
        assertThat(MailText.html(toOwner)).contains("<a href=\"" + link + "\"").contains("HTTP 503").doesNotContain(receiver.url());
        MimeMessage toAdmin = disabledMailsTo(email(admin)).getFirst();
        assertThat(toAdmin.getSubject()).as("in the admin's language")
                .isEqualTo("Atrium: ein Webhook-Endpunkt des Arbeitsbereichs „" + owner.workspaceName() + "“ wurde deaktiviert");
        assertThat(MailText.plainText(toAdmin)).contains("Der letzte Fehler war: HTTP 503").contains(link);
        assertThat(disabledMailsTo(email(member))).as("a plain member holds no webhooks.manage").isEmpty();
        assertThat(outboxSize(receiver.url())).as("both delivered").isZero();
        assertThat(disabledMailsTo(ownerAddress)).hasSize(1);
        assertThat(disabledMailsTo(email(admin))).hasSize(1);

        int sent = receiver.received().size();
        teams.join(owner, "Dina", "member");
        assertThat(deliveries.deliverDue(system)).isZero();
        assertThat(webhooks.deliveries(owner, endpoint)).as("a disabled endpoint gets no new messages").hasSize(1);
        assertThat(receiver.received()).hasSize(sent);
    }

    @Test
    void afterARotationBothSecretsSignForADayThenOnlyTheNewOne() {
        TenantScope owner = teams.newWorkspace("Rosa");
        CreatedWebhook created = memberJoinedEndpoint(owner);
        UUID endpoint = created.endpoint().id();
        String oldSecret = created.secret();

        String newSecret = webhooks.rotateSecret(owner, endpoint);
        WebhookReceiver.Received duringOverlap = sendTest(owner, endpoint);
        assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
        assertThat(duringOverlap.signatures().split(" ")).hasSize(2);
        assertThat(duringOverlap.verifiesWith(newSecret, clock)).isTrue();
        assertThat(duringOverlap.verifiesWith(oldSecret, clock)).as("receivers still on the old secret").isTrue();

        clock.advance(WebhookService.PREVIOUS_SECRET_OVERLAP.plusMinutes(1));
        WebhookReceiver.Received afterOverlap = sendTest(owner, endpoint);
        assertThat(afterOverlap.signatures().split(" ")).hasSize(1);
        assertThat(afterOverlap.verifiesWith(newSecret, clock)).isTrue();
        assertThat(afterOverlap.verifiesWith(oldSecret, clock)).isFalse();
        assertThat(JSON.readTree(afterOverlap.body()).path("type").asString()).isEqualTo(WebhookEventTypes.TEST);
    }

    @Test
    void aSecondRotationWithinTheDayLeavesEachEarlierSecretSigningForItsOwnDay() {
        TenantScope owner = teams.newWorkspace("Rolf");
        CreatedWebhook created = memberJoinedEndpoint(owner);
        UUID endpoint = created.endpoint().id();
        String first = created.secret();
        String second = webhooks.rotateSecret(owner, endpoint);
        clock.advance(Duration.ofHours(1));
        String third = webhooks.rotateSecret(owner, endpoint);

        WebhookReceiver.Received bothEarlierSign = sendTest(owner, endpoint);
        assertThat(bothEarlierSign.signatures().split(" ")).hasSize(3);
        assertThat(List.of(first, second, third)).allMatch(secret -> bothEarlierSign.verifiesWith(secret, clock));

        clock.advance(WebhookService.PREVIOUS_SECRET_OVERLAP.minusMinutes(30));
        WebhookReceiver.Received firstsDayOver = sendTest(owner, endpoint);
        assertThat(firstsDayOver.verifiesWith(first, clock)).as("the first secret's day is over").isFalse();
        assertThat(firstsDayOver.verifiesWith(second, clock)).as("receivers that switched to the second still verify").isTrue();
        assertThat(firstsDayOver.verifiesWith(third, clock)).isTrue();

        clock.advance(Duration.ofHours(1));
        WebhookReceiver.Received onlyTheLast = sendTest(owner, endpoint);
        assertThat(onlyTheLast.signatures().split(" ")).hasSize(1);
        assertThat(onlyTheLast.verifiesWith(third, clock)).isTrue();
    }

    @Test
    void anEndpointsSecretIsRotatedAtMostAFewTimesADay() {
        TenantScope owner = teams.newWorkspace("Rita");
        UUID endpoint = memberJoinedEndpoint(owner).endpoint().id();
        for (int k = 0; k < WebhookService.MAX_SIGNING_PREVIOUS_SECRETS; k++) {
            webhooks.rotateSecret(owner, endpoint);
        }

        assertThatThrownBy(() -> webhooks.rotateSecret(owner, endpoint)).satisfies(Refusals.code("webhook.rotated-too-often"));
        assertThat(sendTest(owner, endpoint).signatures().split(" ")).hasSize(WebhookService.MAX_SIGNING_PREVIOUS_SECRETS + 1);

        clock.advance(WebhookService.PREVIOUS_SECRET_OVERLAP);
        webhooks.rotateSecret(owner, endpoint);
        assertThat(sendTest(owner, endpoint).signatures().split(" ")).as("the earlier secrets' days are over").hasSize(2);
    }

    /** An endpoint at the test receiver, subscribed to member.joined. */
    private CreatedWebhook memberJoinedEndpoint(TenantScope owner) {
        return webhooks.create(owner, new WebhookDraft(receiver.url(), List.of(WebhookEventTypes.MEMBER_JOINED)));
    }

    /** Sends a test message to the endpoint and returns it as received. */
    private WebhookReceiver.Received sendTest(TenantScope owner, UUID endpoint) {
        int before = receiver.received().size();
        webhooks.sendTest(owner, endpoint);
        await().until(() -> receiver.received().size() == before + 1);
        return receiver.received().getLast();
    }

    private String email(TenantScope member) {
        return accounts.find(member.accountId()).orElseThrow().email();
    }

    /** The mails telling the address an endpoint was disabled (the people here also got their invitations). */
    private List<MimeMessage> disabledMailsTo(String address) throws MessagingException {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage mail : mailbox.to(address)) {
            if (mail.getSubject().toLowerCase(Locale.ROOT).contains("webhook")) {
                found.add(mail);
            }
        }
        return found;
    }

    /** Admin mails about this endpoint still waiting in the outbox (not delivered, or rolled back: gone). */
    private int outboxSize(String endpointUrl) {
        return platform.fetchCount(DSL.table(DSL.name("platform", "event_publication")),
                DSL.field("serialized_event", String.class).contains(endpointUrl)
                        .and(DSL.field("completion_date").isNull()));
    }

    private WebhookDelivery onlyDelivery(TenantScope owner, UUID endpoint) {
        List<WebhookDelivery> logged = webhooks.deliveries(owner, endpoint);
        assertThat(logged).hasSize(1);
        return logged.getFirst();
    }

    private static WebhookReceiver newReceiver() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
