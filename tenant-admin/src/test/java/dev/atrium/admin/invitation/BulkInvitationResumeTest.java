package dev.atrium.admin.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestLocks;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.jobs.ClusterJobs;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * A confirmed bulk invite is a stored job: a restart between its chunks loses nothing (the cluster job carries on with
 * the rows left), two processors on one job never invite a row twice, and a confirming member who lost the right to
 * invite gets the rows left refused. The mail executor is stopped throughout, so every mail a row queued stays in the
 * outbox and is counted there.
 */
@SpringBootTest
class BulkInvitationResumeTest {

    private static final int RACES = 6;

    @Autowired BulkInvitationService bulk;
    @Autowired BulkInviteProcessor processor;
    @Autowired ClusterJobs jobs;
    @Autowired InvitationService invitations;
    @Autowired MemberService members;
    @Autowired AuditLogService audit;
    @Autowired TestWorkspaces teams;
    @Autowired @Qualifier(InvitationMailOutbox.EXECUTOR) ThreadPoolTaskExecutor mailExecutor;
    @Autowired DSLContext platform;
    @Autowired TenantBinder binder;
    @Autowired TestLocks locks;

    /** The outbox's unfinished publications when the test started. */
    private Set<UUID> unfinishedBefore = Set.of();

    @BeforeEach
    void noMailGoesOut() {
        MailExecutorStops.stop(mailExecutor);
        unfinishedBefore = Set.copyOf(unfinishedPublications());
    }

    /**
     * The mails this class's invitations left in the outbox are recorded, never to be sent: they go, so that the other
     * classes' mails do not wait behind hundreds of them in the retry job's oldest-first batches.
     */
    @AfterEach
    void appBack() {
        List<UUID> left = unfinishedPublications().stream().filter(id -> !unfinishedBefore.contains(id)).toList();
        platform.deleteFrom(DSL.table(DSL.name("platform", "event_publication")))
                .where(DSL.field(DSL.name("id"), UUID.class).in(left)).execute();
        MailExecutorStops.restart(mailExecutor);
    }

    private List<UUID> unfinishedPublications() {
        return platform.select(DSL.field(DSL.name("id"), UUID.class)).from(DSL.table(DSL.name("platform", "event_publication")))
                .where(DSL.field(DSL.name("completion_date")).isNull()).fetch(0, UUID.class);
    }

    /**
     * Before (no stored job: the rows lived in the confirming page's thread) a restart after the first chunk left the
     * other 70 rows uninvited for good; with the job stored but no cluster job resuming it, this test fails with 50 of
     * 120 rows done.
     */
    @Test
    void aJobInterruptedAfterItsFirstChunkIsFinishedAfterTheRestartEachRowInvitedAndMailedOnce() throws IOException {
        TenantScope owner = teams.newWorkspace("Rhea");
        List<String> people = people("resume", 120);
        UUID job = bulk.confirm(owner, bulk.preview(owner, csv(people)), Locale.ENGLISH);

        processor.processChunk(owner.workspaceId(), job); // the application stops after its first chunk
        assertThat(bulk.job(owner, job).orElseThrow()).extracting(BulkJob::done, BulkJob::finished).containsExactly(50, false);

        jobs.runNow(BulkInviteProcessor.JOB); // the next start: nobody opens a page

        BulkJob done = bulk.latest(owner).orElseThrow();
        assertThat(done.id()).isEqualTo(job);
        assertThat(done.finished()).isTrue();
        assertThat(done.done()).isEqualTo(120);
        assertThat(bulk.rows(owner, job)).extracting(BulkRow::verdict).containsOnly(BulkVerdict.INVITED).hasSize(120);
        assertEveryoneInvitedAndMailedOnce(owner, people);
    }

    /**
     * Three processors (threads, as on three nodes) released together on one job of three chunks: none fails, and
     * every row is invited once, audited once, mailed once and reported invited. 0 of 6 races broke it. With the
     * claim's row locks removed (a plain read of the rows left) all three read the same rows; the
     * one-pending-invitation-per-address index keeps a second invitation out, and the losers' rows are reported
     * "already invited" instead of invited (when that index's refusal still failed the chunk: 4 of 6 and 2 of 6 races
     * broke it in two runs). {@code FOR UPDATE SKIP LOCKED} makes them share the rows instead.
     */
    @Test
    void threeProcessorsOnOneJobInviteEveryRowOnce() throws IOException {
        int violations = 0;
        for (int race = 0; race < RACES; race++) {
            TenantScope owner = teams.newWorkspace("Tess" + race);
            List<String> people = people("race" + race, 3 * BulkInviteProcessor.CHUNK_SIZE);
            UUID job = bulk.confirm(owner, bulk.preview(owner, csv(people)), Locale.ENGLISH);

            Runnable process = () -> processor.runUntilDone(owner.workspaceId(), job);
            List<Throwable> failures = Races.run(process, process, process);

            boolean broken = failures.stream().anyMatch(Objects::nonNull)
                    || !bulk.rows(owner, job).stream().allMatch(row -> row.verdict() == BulkVerdict.INVITED)
                    || !invitationsPerAddress(owner).values().stream().allMatch(n -> n == 1)
                    || created(owner) != people.size() || outboxOf(owner) != people.size();
            violations += broken ? 1 : 0;
            assertThat(bulk.job(owner, job).orElseThrow().finished()).isTrue();
        }
        assertThat(violations).as(Races.rate("three processors invite each row of a bulk job once", violations, RACES)).isZero();
    }

    /**
     * The cluster job's runs visit the workspaces with a bulk invite not finished, not every workspace, so that they do
     * not grow with the number of workspaces; a workspace leaves that list once its jobs are done.
     */
    @Test
    void afterANodesFirstRunTheJobVisitsOnlyWorkspacesWithABulkInviteNotFinished() throws IOException {
        jobs.stop(); // no scheduled run changes the list meanwhile
        try {
            processor.resumeUnfinished(); // this node's first run, which visits all, unless a test ran it before
            teams.newWorkspace("Quinn");
            TenantScope owner = teams.newWorkspace("Vera");
            UUID job = bulk.confirm(owner, bulk.preview(owner, csv(people("listed", 60))), Locale.ENGLISH);
            processor.processChunk(owner.workspaceId(), job); // the application stops after its first chunk
            List<UUID> listed = listed();
            assertThat(listed).contains(owner.workspaceId());

            assertThat(processor.resumeUnfinished()).isEqualTo(served().stream().filter(listed::contains).count())
                    .isLessThan(served().size());

            assertThat(bulk.job(owner, job).orElseThrow().finished()).isTrue();
            assertThat(listed()).doesNotContain(owner.workspaceId());
        } finally {
            jobs.start();
        }
    }

    /**
     * Taking a workspace off the list while a bulk invite of it is being confirmed (not yet committed) waits for it and
     * keeps the workspace listed, or a restart would leave the new file's rows uninvited. The confirmation locks the
     * workspace's entry first; taking it off locks the entry before it reads the running jobs. With that lock removed,
     * the delisting read no running job, waited only at its delete and then took the workspace off: this test failed.
     */
    @Test
    void takingAWorkspaceOffTheListWaitsForABulkInviteBeingConfirmedAndKeepsItListed() throws Exception {
        TenantScope owner = teams.newWorkspace("Lena");
        UUID first = bulk.confirm(owner, bulk.preview(owner, csv(people("first", 1))), Locale.ENGLISH);
        processor.processChunk(owner.workspaceId(), first); // finished, still listed
        List<BulkRow> second = bulk.preview(owner, csv(people("second", 1)));

        CompletableFuture<Void> delisting = locks.waitingFor(() -> bulk.confirm(owner, second, Locale.ENGLISH), () -> {
            processor.delistIfIdle(owner.workspaceId());
            return null;
        });
        delisting.get(10, TimeUnit.SECONDS);

        assertThat(listed()).contains(owner.workspaceId());
        processor.runUntilDone(owner.workspaceId(), bulk.latest(owner).orElseThrow().id());
        assertThat(listed()).as("taken off once its last job is done").doesNotContain(owner.workspaceId());
    }

    /**
     * While this node invites as many files as it runs at once, a further confirmation returns at once instead of
     * holding the confirming request's thread (and its user's session lock) until one of them is done; the cluster
     * job invites its rows. Before, the executor made the caller wait for a free run: invite did not return.
     */
    @Test
    void aConfirmationWhileThisNodeInvitesAllItRunsAtOnceReturnsAtOnceAndTheClusterJobInvitesItsRows() throws Exception {
        CountDownLatch busy = new CountDownLatch(BulkInvitationService.CONCURRENT_RUNS);
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<List<BulkRow>>> running = new ArrayList<>();
        try {
            for (int run = 0; run < BulkInvitationService.CONCURRENT_RUNS; run++) {
                TenantScope owner = teams.newWorkspace("Busy" + run);
                running.add(bulk.invite(owner, bulk.preview(owner, csv(people("busy" + run, 1))), Locale.ENGLISH, done -> {
                    busy.countDown();
                    awaitQuietly(release); // a slow file: its run stays busy
                }));
            }
            assertThat(busy.await(60, TimeUnit.SECONDS)).as("both runs busy").isTrue();
            TenantScope owner = teams.newWorkspace("Nora");
            List<String> people = people("left", 3);
            List<BulkRow> preview = bulk.preview(owner, csv(people));

            CompletableFuture<List<BulkRow>> left = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> bulk.invite(owner, preview, Locale.ENGLISH, done -> { }));

            // As the dialog gets it, to say the rows go out in the background rather than that something failed.
            assertThat(left.handle((result, failure) -> failure).join()).isInstanceOf(BulkInviteDeferredException.class);
            UUID job = bulk.latest(owner).orElseThrow().id();
            jobs.runNow(BulkInviteProcessor.JOB);
            assertThat(bulk.job(owner, job).orElseThrow()).extracting(BulkJob::done, BulkJob::finished).containsExactly(3, true);
            assertEveryoneInvitedAndMailedOnce(owner, people);
        } finally {
            release.countDown();
        }
        for (CompletableFuture<List<BulkRow>> run : running) {
            assertThat(run.get(60, TimeUnit.SECONDS)).extracting(BulkRow::verdict).containsOnly(BulkVerdict.INVITED);
        }
    }

    @Test
    void whenTheConfirmingMemberMayNoLongerInviteTheRowsLeftAreRefused() throws IOException {
        TenantScope owner = teams.newWorkspace("Una");
        TenantScope admin = teams.join(owner, "Abe", "admin");
        int adminsMail = outboxOf(owner);
        List<String> people = people("revoked", 120);
        UUID job = bulk.confirm(admin, bulk.preview(admin, csv(people)), Locale.ENGLISH);
        processor.processChunk(owner.workspaceId(), job);

        members.changeRole(owner, admin.accountId(), teams.roleId(owner, "member"));
        jobs.runNow(BulkInviteProcessor.JOB);

        List<BulkRow> rows = bulk.rows(owner, job);
        assertThat(rows.subList(0, 50)).extracting(BulkRow::verdict).containsOnly(BulkVerdict.INVITED);
        assertThat(rows.subList(50, 120)).extracting(BulkRow::verdict).containsOnly(BulkVerdict.NOT_ALLOWED);
        assertThat(bulk.job(owner, job).orElseThrow().finished()).isTrue();
        assertThat(invitations.count(owner, new InvitationFilter(null, InvitationStatus.PENDING))).isEqualTo(50);
        assertThat(outboxOf(owner) - adminsMail).as("mails queued by the job").isEqualTo(50);
    }

    private void assertEveryoneInvitedAndMailedOnce(TenantScope owner, List<String> people) {
        assertThat(invitationsPerAddress(owner)).containsOnlyKeys(people).allSatisfy((address, count) -> assertThat(count).isOne());
        assertThat(created(owner)).as("invitation.created events").isEqualTo(people.size());
        assertThat(outboxOf(owner)).as("mails queued").isEqualTo(people.size());
    }

    private List<UUID> listed() {
        return platform.select(DSL.field(DSL.name("workspace_id"), UUID.class))
                .from(DSL.table(DSL.name("platform", "bulk_invite_workspace"))).fetch(0, UUID.class);
    }

    private List<UUID> served() {
        return binder.systemScopes().stream().map(TenantScope::workspaceId).toList();
    }

    /** Every invitation of the workspace, counted by address. */
    private Map<String, Long> invitationsPerAddress(TenantScope owner) {
        return invitations.page(owner, InvitationFilter.NONE, new dev.atrium.admin.paging.PageRequest(0, 1000, List.of())).stream()
                .collect(Collectors.groupingBy(Invitation::email, Collectors.counting()));
    }

    private int created(TenantScope owner) {
        return audit.page(owner, new AuditFilter(null, AuditActions.INVITATION_CREATED, null, null, null, null), null, null, 1000)
                .events().size();
    }

    /** Outbox publications (mails not yet delivered) of the workspace's invitations. */
    private int outboxOf(TenantScope scope) {
        return platform.fetchCount(DSL.table(DSL.name("platform", "event_publication")),
                DSL.field("serialized_event", String.class).contains(scope.workspaceId().toString()));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> people(String prefix, int count) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, count).mapToObj(i -> prefix + i + "-" + run + "@example.test").toList();
    }

    private static InputStream csv(List<String> people) {
        return new ByteArrayInputStream(people.stream().map(p -> p + ",member").collect(Collectors.joining("\n")).getBytes(StandardCharsets.UTF_8));
    }
}
