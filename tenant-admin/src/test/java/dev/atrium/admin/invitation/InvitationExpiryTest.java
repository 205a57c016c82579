package dev.atrium.admin.invitation;

import static dev.atrium.db.jooq.tenant.Tables.INVITATION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.sun.net.httpserver.HttpServer;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestLocks;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.jobs.ClusterJobs;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
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
    @Autowired TestLocks locks;
    @Autowired DSLContext platform;
    @Autowired TenantDsl tenantDsl;

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

    /**
     * The job's runs visit the workspaces with an invitation not yet announced, not every workspace, so that they do not
     * grow with the number of workspaces; a workspace leaves that list once none is left to announce.
     */
    @Test
    void afterANodesFirstRunTheJobVisitsOnlyWorkspacesWithAnInvitationNotYetAnnounced() {
        jobs.stop(); // no scheduled run changes the list meanwhile
        expiries.announceDueEverywhere(); // this node's first run, which visits all, unless a test ran it before
        teams.newWorkspace("Expiry None");
        TenantScope owner = teams.newWorkspace("Expiry Listed");
        invitations.invite(owner, address("listed"), teams.roleId(owner, "member"), Locale.ENGLISH);
        clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));
        List<UUID> listed = listed();
        assertThat(listed).contains(owner.workspaceId());
        List<UUID> served = binder.systemScopes().stream().map(TenantScope::workspaceId).toList();

        assertThat(expiries.announceDueEverywhere()).isEqualTo(served.stream().filter(listed::contains).count())
                .isLessThan(served.size());

        assertThat(expired(owner)).hasSize(1);
        assertThat(listed()).as("none left to announce").doesNotContain(owner.workspaceId());
    }

    /**
     * A workspace with invitations still open stays listed at its next expiry, and runs before then leave it alone: a
     * run visits only the workspaces whose next expiry has passed. Each visit lists the workspace again at the next
     * expiry, and takes it off after the last. An extension to an earlier time (the workspace's expiry shortened
     * meanwhile) brings the visit forward.
     */
    @Test
    void theJobVisitsAWorkspaceOnlyOnceItsNextExpiryHasPassed() {
        jobs.stop(); // no scheduled run changes the list meanwhile
        expiries.announceDueEverywhere(); // this node's first run, which visits all, unless a test ran it before
        TenantScope owner = teams.newWorkspace("Expiry Due");
        UUID member = teams.roleId(owner, "member");
        OffsetDateTime first = expiresAt(owner, invitations.invite(owner, address("first"), member, Locale.ENGLISH));
        clock.advance(Duration.ofDays(1));
        OffsetDateTime second = expiresAt(owner, invitations.invite(owner, address("second"), member, Locale.ENGLISH));
        assertThat(dueAt(owner)).as("the earlier expiry").isEqualTo(first);

        List<UUID> due = dueNow();
        assertThat(due).doesNotContain(owner.workspaceId());
        assertThat(expiries.announceDueEverywhere()).as("only the workspaces due, not this one").isEqualTo(visitable(due));
        assertThat(listed()).contains(owner.workspaceId());

        UUID third = invitations.invite(owner, address("third"), member, Locale.ENGLISH).invited().getFirst().invitationId();
        invitations.setExpiryDays(owner, 1);
        OffsetDateTime extended = invitations.extend(owner, third);
        assertThat(dueAt(owner)).as("brought forward by an extension to an earlier time (stored to the microsecond)")
                .isCloseTo(extended, within(1, ChronoUnit.MICROS)).isBefore(first);

        for (OffsetDateTime expiry : List.of(extended, first, second)) {
            clock.advance(Duration.between(clock.instant(), expiry.toInstant()).plusMinutes(1));
            assertThat(dueNow()).contains(owner.workspaceId());
            expiries.announceDueEverywhere();
        }
        assertThat(expired(owner)).hasSize(3);
        assertThat(listed()).as("none left to announce").doesNotContain(owner.workspaceId());
    }

    /**
     * Taking a workspace off the list while an invitation of it is being created (not yet committed) waits for it and
     * keeps the workspace listed, or that invitation's expiry would never be announced. Creating locks the workspace's
     * entry; taking it off locks the entry before it reads the invitations. With that lock removed, the delisting read
     * no invitation, waited only at its delete and then took the workspace off: this test failed.
     */
    @Test
    void takingAWorkspaceOffTheListWaitsForAnInvitationBeingCreatedAndKeepsItListed() throws Exception {
        TenantScope owner = teams.newWorkspace("Expiry Race");
        UUID cancelled = invitations.invite(owner, address("cancelled"), teams.roleId(owner, "member"), Locale.ENGLISH)
                .invited().getFirst().invitationId();
        invitations.cancel(owner, List.of(cancelled)); // none left to announce, still listed

        OffsetDateTime[] created = new OffsetDateTime[1];
        CompletableFuture<Void> delisting = locks.waitingFor(
                () -> created[0] = expiresAt(owner, invitations.invite(owner, address("new"), teams.roleId(owner, "member"), Locale.ENGLISH)),
                () -> {
                    expiries.reschedule(system(owner));
                    return null;
                });
        delisting.get(10, TimeUnit.SECONDS);

        assertThat(listed()).contains(owner.workspaceId());
        assertThat(dueAt(owner)).as("due at the new invitation's expiry").isEqualTo(created[0]);
    }

    private OffsetDateTime expiresAt(TenantScope owner, InviteOutcome outcome) {
        UUID id = outcome.invited().getFirst().invitationId();
        return tenantDsl.of(owner).select(INVITATION.EXPIRES_AT).from(INVITATION).where(INVITATION.ID.eq(id)).fetchSingle(INVITATION.EXPIRES_AT);
    }

    private OffsetDateTime dueAt(TenantScope owner) {
        return platform.select(DUE_AT).from(INVITATION_WORKSPACES).where(WORKSPACE_ID.eq(owner.workspaceId())).fetchSingle(DUE_AT);
    }

    private List<UUID> dueNow() {
        return platform.select(WORKSPACE_ID).from(INVITATION_WORKSPACES)
                .where(DUE_AT.isNull().or(DUE_AT.le(OffsetDateTime.now(clock)))).fetch(WORKSPACE_ID);
    }

    /**
     * An invite takes the workspace's entry first, before it knows which addresses it will invite; one that has no valid
     * address takes none, and leaves nothing for the job to visit.
     */
    @Test
    void anInviteOfNoValidAddressDoesNotListTheWorkspace() {
        TenantScope owner = teams.newWorkspace("Expiry Nothing");
        InviteOutcome outcome = invitations.invite(owner, "not-an-address, also@@bad", teams.roleId(owner, "member"), Locale.ENGLISH);

        assertThat(outcome.invited()).isEmpty();
        assertThat(listed()).doesNotContain(owner.workspaceId());
    }

    /** How many of {@code workspaces} this node serves (a run visits those). */
    private long visitable(List<UUID> workspaces) {
        return binder.systemScopes().stream().map(TenantScope::workspaceId).filter(workspaces::contains).count();
    }

    private static final org.jooq.Table<?> INVITATION_WORKSPACES = DSL.table(DSL.name("platform", "invitation_workspace"));
    private static final org.jooq.Field<UUID> WORKSPACE_ID = DSL.field(DSL.name("workspace_id"), UUID.class);
    private static final org.jooq.Field<OffsetDateTime> DUE_AT = DSL.field(DSL.name("due_at"), OffsetDateTime.class);

    private List<UUID> listed() {
        return platform.select(DSL.field(DSL.name("workspace_id"), UUID.class))
                .from(DSL.table(DSL.name("platform", "invitation_workspace"))).fetch(0, UUID.class);
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
