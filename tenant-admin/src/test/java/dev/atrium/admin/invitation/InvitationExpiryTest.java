package dev.atrium.admin.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.sun.net.httpserver.HttpServer;

import dev.atrium.admin.Races;
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
import dev.atrium.admin.webhook.WebhookDelivery;
import dev.atrium.admin.webhook.WebhookDraft;
import dev.atrium.admin.webhook.WebhookEventTypes;
import dev.atrium.admin.webhook.WebhookService;

/**
 * An invitation that simply runs out is announced once: an {@code invitation.expired} audit event with the system as
 * the actor and so one {@code invitation.expired} webhook message, whether the expiry job finds it first or someone
 * uses it late, and also when two runs (two nodes) race.
 */
@SpringBootTest
class InvitationExpiryTest {

    private static final int RACES = 20;

    @Autowired InvitationService invitations;
    @Autowired InvitationExpiries expiries;
    @Autowired TestWorkspaces teams;
    @Autowired TenantBinder binder;
    @Autowired MutableClock clock;
    @Autowired AuditLogService audit;
    @Autowired ClusterJobs jobs;
    @Autowired WebhookService webhooks;

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final HttpServer receiver = receiver();

    @AfterEach
    void stopReceiverAndRunJobs() {
        receiver.stop(0);
        if (!jobs.isRunning()) {
            jobs.start();
        }
    }

    @Test
    void anInvitationThatRunsOutIsAnnouncedOnceToTheAuditLogAndWebhooks() {
        TenantScope owner = teams.newWorkspace("Expiry Job");
        UUID endpoint = webhooks.create(owner, new WebhookDraft(receiverUrl(), List.of(WebhookEventTypes.INVITATION_EXPIRED)))
                .endpoint().id();
        String email = address("job");
        String link = invitations.invite(owner, email, teams.roleId(owner, "member"), Locale.ENGLISH).invited().getFirst().link();

        jobs.runNow(InvitationExpiries.JOB);
        assertThat(expired(owner)).as("not before its expiry").isEmpty();

        clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));
        jobs.runNow(InvitationExpiries.JOB);

        assertThat(expired(owner)).singleElement().satisfies(event -> {
            assertThat(event.actorKind()).as("the system acts").isEqualTo(Actor.Kind.SYSTEM);
            assertThat(event.target().label()).isEqualTo(email);
        });
        assertThat(webhooks.deliveries(owner, endpoint)).singleElement()
                .satisfies(message -> assertThat(message.eventType()).isEqualTo(WebhookEventTypes.INVITATION_EXPIRED));
        await().until(() -> received.size() == 1);
        assertThat(received.getFirst()).contains("\"type\":\"invitation.expired\"").contains(email);

        jobs.runNow(InvitationExpiries.JOB);
        invitations.open(TestWorkspaces.tokenOf(link), owner.accountId());

        assertThat(audit.page(owner, new AuditFilter(null, AuditActions.INVITATION_EXPIRED_ON_USE, null, null, null, null),
                null, null, 10).events()).as("the late use is recorded").hasSize(1);
        assertThat(expired(owner)).as("but its expiry is not announced again").hasSize(1);
        assertThat(webhooks.deliveries(owner, endpoint)).hasSize(1);
    }

    @Test
    void anInvitationUsedLateBeforeTheJobRanIsAnnouncedThenAndNotAgainByTheJob() {
        jobs.stop(); // the job must not find it first
        TenantScope owner = teams.newWorkspace("Expiry Use");
        UUID endpoint = webhooks.create(owner, new WebhookDraft(receiverUrl(), List.of(WebhookEventTypes.INVITATION_EXPIRED)))
                .endpoint().id();
        String link = invitations.invite(owner, address("use"), teams.roleId(owner, "member"), Locale.ENGLISH).invited().getFirst().link();
        clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));

        invitations.open(TestWorkspaces.tokenOf(link), owner.accountId());
        invitations.open(TestWorkspaces.tokenOf(link), owner.accountId());

        assertThat(expired(owner)).singleElement().satisfies(event -> assertThat(event.actorKind()).isEqualTo(Actor.Kind.SYSTEM));
        assertThat(expiries.announceDue(system(owner))).as("the job finds it announced").isZero();
        assertThat(expired(owner)).hasSize(1);
        assertThat(webhooks.deliveries(owner, endpoint)).singleElement()
                .extracting(WebhookDelivery::eventType).isEqualTo(WebhookEventTypes.INVITATION_EXPIRED);
    }

    /**
     * Measured with a select-then-update (no {@code expired_notified_at IS NULL} in the update): 20 of 20 races
     * announced expiries twice. With the conditional update: 0 of 20.
     */
    @Test
    void twoRunsAtOnceAnnounceEachExpiryExactlyOnce() {
        TenantScope owner = teams.newWorkspace("Expiry Race");
        Set<String> earlierRounds = new HashSet<>();
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            String addresses = IntStream.range(0, 3).mapToObj(n -> address("race")).collect(Collectors.joining(","));
            invitations.invite(owner, addresses, teams.roleId(owner, "member"), Locale.ENGLISH);
            clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));
            List<Throwable> outcomes = Races.run(() -> expiries.announceDue(system(owner)), () -> expiries.announceDue(system(owner)));
            assertThat(outcomes).containsOnlyNulls();
            Map<String, Long> perInvitation = expired(owner).stream().filter(event -> !earlierRounds.contains(event.target().id()))
                    .collect(Collectors.groupingBy(event -> event.target().id(), Collectors.counting()));
            if (perInvitation.size() != 3 || perInvitation.values().stream().anyMatch(count -> count != 1)) {
                violations++;
            }
            earlierRounds.addAll(perInvitation.keySet());
        }
        assertThat(violations).as(Races.rate("an invitation's expiry is announced at most once", violations, RACES)).isZero();
    }

    private List<AuditEvent> expired(TenantScope owner) {
        return audit.page(owner, new AuditFilter(null, AuditActions.INVITATION_EXPIRED, null, null, null, null), null, null, 200)
                .events();
    }

    private TenantScope system(TenantScope owner) {
        return binder.bindSystem(owner.workspaceId());
    }

    private static String address(String label) {
        return label + "-" + UUID.randomUUID() + "@example.test";
    }

    private String receiverUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks";
    }

    /** Takes every message with 204 and keeps its body. */
    private HttpServer receiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/hooks", exchange -> {
                received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
