package dev.atrium.admin.invitation;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.invitation.BulkInviteJobRepository.Claimed;
import dev.atrium.admin.invitation.BulkInviteJobRepository.Job;
import dev.atrium.admin.invitation.InvitationService.PendingMail;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.ratelimit.RateLimit;
import dev.atrium.admin.ratelimit.RateLimiter;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.PreDestroy;

/**
 * Invites a confirmed bulk invite's rows, a chunk per transaction: the transaction claims rows still to invite
 * ({@code FOR UPDATE SKIP LOCKED}, so processors on other threads or nodes take other rows), checks the confirming
 * member's permission and the rows' roles again (roles locked, shared), invites each row as invite does and stores its
 * outcome with its invitation. Whatever stops between chunks (a restart) leaves the rest for the next run: the
 * {@value #JOB} cluster job carries on with every job not finished, on whichever node is up.
 */
@Component
class BulkInviteProcessor {

    static final String JOB = "bulk-invitations";

    private static final Logger log = LoggerFactory.getLogger(BulkInviteProcessor.class);

    /** Rows per transaction: few enough that no transaction holds many locks or runs long. */
    static final int CHUNK_SIZE = InvitationService.MAX_ADDRESSES_PER_REQUEST;

    /**
     * What one transaction did: rows decided, of which invited; {@code rowsLeft} whether the job has rows to invite;
     * {@code finished} whether this transaction marked the job finished.
     */
    record Chunk(int decided, int invited, boolean rowsLeft, boolean finished) {
    }

    private record Watched(UUID workspaceId, UUID jobId) {
    }

    private final InvitationService invitationService;
    private final BulkInviteJobRepository jobs;
    private final TenantDsl tenantDsl;
    private final DSLContext platform;
    private final TenantBinder binder;
    private final AccessControl access;
    private final RateLimiter rateLimiter;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Map<Watched, Set<IntConsumer>> watchers = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    /** Whether this node's cluster job has visited every workspace once. */
    private volatile boolean visitedAll;

    BulkInviteProcessor(InvitationService invitationService, BulkInviteJobRepository jobs,
            TenantDsl tenantDsl, DSLContext platform, TenantBinder binder, AccessControl access, RateLimiter rateLimiter,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.invitationService = invitationService;
        this.jobs = jobs;
        this.tenantDsl = tenantDsl;
        this.platform = platform;
        this.binder = binder;
        this.access = access;
        this.rateLimiter = rateLimiter;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Invites the job's rows until none is left, chunk by chunk, telling this node's watchers of the job after each.
     *
     * @return false when it stopped early because the application is stopping (the rows left wait for the next run)
     */
    boolean runUntilDone(UUID workspaceId, UUID jobId) {
        while (!stopping) {
            Chunk chunk = processChunk(workspaceId, jobId);
            if (chunk.decided() > 0 || chunk.finished()) {
                tell(workspaceId, jobId);
            }
            if (chunk.finished() || chunk.decided() == 0 && !chunk.rowsLeft()) {
                delistIfIdle(workspaceId);
                return true;
            }
        }
        return false;
    }

    /**
     * The cluster job's run: every job not finished in the workspaces listed as having one, which are taken off the
     * list once none is left, so that a run does not grow with the number of workspaces. A node's first run visits
     * every workspace, for jobs confirmed before the list existed. One failing job stops no other.
     *
     * @return how many workspaces it visited
     */
    int resumeUnfinished() {
        if (!visitedAll) {
            visitedAll = true;
            return binder.forEachServed("Listing bulk invitations", this::resumeIn);
        }
        return binder.forEachServed("Listing bulk invitations", BulkInviteJobRepository.UNFINISHED.listed(platform), this::resumeIn);
    }

    /** Carries on with the workspace's running jobs (each takes the workspace off the list once it is done); none, takes it off. */
    private void resumeIn(TenantScope workspace) {
        List<UUID> running = jobs.running(tenantDsl.of(workspace));
        if (running.isEmpty()) {
            delistIfIdle(workspace.workspaceId());
        }
        for (UUID jobId : running) {
            try {
                runUntilDone(workspace.workspaceId(), jobId);
            } catch (RuntimeException e) {
                log.error("Bulk invitation {} in workspace {} stopped", jobId, workspace.slug(), e);
            }
        }
    }

    /** Takes the workspace off the cluster job's list when none of its jobs is left running. */
    void delistIfIdle(UUID workspaceId) {
        TenantScope system = binder.bindSystem(workspaceId);
        transaction.executeWithoutResult(status -> jobs.delistIfIdle(platform, tenantDsl.of(system), workspaceId));
    }

    /**
     * One transaction's worth of the job's rows; the job is marked finished in the transaction that leaves no row to
     * invite (or, when another transaction held the last rows, in the next one that finds none left). The allowance
     * taken at confirmation is given back for the rows decided but not invited, after the transaction committed.
     */
    Chunk processChunk(UUID workspaceId, UUID jobId) {
        TenantScope system = binder.bindSystem(workspaceId);
        Job job = jobs.find(tenantDsl.of(system), jobId).orElseThrow(() -> new IllegalArgumentException("No bulk invitation " + jobId));
        TenantScope member = binder.bindOnBehalf(workspaceId, job.confirmedBy());
        // Links for e-mails are made from the application's address as it was when the job was confirmed.
        PublicUrl links = path -> job.linkBase() + path;
        // An invitation to one of the chunk's addresses committed by someone else meanwhile makes its row "already
        // invited" (InvitationService.inviteUnderLock), not a failure of the chunk.
        Chunk chunk = transaction.execute(status -> inviteChunk(member, job, links));
        rateLimiter.giveBack(RateLimit.INVITATIONS_SENT, workspaceId, chunk.decided() - chunk.invited());
        return chunk;
    }

    private Chunk inviteChunk(TenantScope member, Job job, PublicUrl links) {
        DSLContext tenant = tenantDsl.of(member);
        List<Claimed> rows = jobs.claim(tenant, job.id(), CHUNK_SIZE, true);
        if (rows.isEmpty()) {
            // Every row left is another transaction's: wait for it, then the job is finished unless it failed.
            rows = jobs.claim(tenant, job.id(), CHUNK_SIZE, false);
        }
        if (rows.isEmpty()) {
            boolean finished = jobs.finishIfDone(tenant, job.id(), OffsetDateTime.now(clock));
            return new Chunk(0, 0, jobs.hasRowsLeft(tenant, job.id()), finished);
        }
        int invited = 0;
        for (Map.Entry<Claimed, BulkVerdict> decided : decide(member, tenant, rows, job, links).entrySet()) {
            jobs.setOutcome(tenant, job.id(), decided.getKey().line(), decided.getValue());
            invited += decided.getValue() == BulkVerdict.INVITED ? 1 : 0;
        }
        // The last chunk finishes the job with its outcomes, so whoever reads them sees a finished job at once.
        boolean finished = jobs.finishIfDone(tenant, job.id(), OffsetDateTime.now(clock));
        return new Chunk(rows.size(), invited, !finished, finished);
    }

    /**
     * The confirming member's permission and the rows' roles are read again (roles locked, shared), then each row is
     * invited as invite does, under the lock of its address's pending invitation.
     */
    private Map<Claimed, BulkVerdict> decide(TenantScope member, DSLContext tenant, List<Claimed> rows, Job job, PublicUrl links) {
        Map<Claimed, BulkVerdict> decided = new LinkedHashMap<>();
        RoleSummary acting;
        try {
            acting = access.require(member, Permissions.MEMBERS_INVITE);
        } catch (PermissionDeniedException e) {
            rows.forEach(row -> decided.put(row, BulkVerdict.NOT_ALLOWED));
            return decided;
        }
        Collection<UUID> roleIds = new LinkedHashSet<>(rows.stream().map(Claimed::roleId).filter(Objects::nonNull).toList());
        roleIds.add(acting.id());
        Map<UUID, RoleSummary> locked = access.lockRoles(member, roleIds);
        RoleSummary actingNow = locked.getOrDefault(acting.id(), acting);
        if (!actingNow.permissions().contains(Permissions.MEMBERS_INVITE)) {
            rows.forEach(row -> decided.put(row, BulkVerdict.NOT_ALLOWED));
            return decided;
        }
        OffsetDateTime expiresAt = invitationService.newExpiry(tenant);
        Map<String, InvitationRepository.Row> pending = invitationService.lockForInviting(member, tenant,
                rows.stream().map(row -> InvitationRepository.normalize(row.email())).toList(), expiresAt);
        List<PendingMail> mails = new ArrayList<>();
        for (Claimed row : rows) {
            RoleSummary role = row.roleId() == null ? null : locked.get(row.roleId());
            if (InvitationService.addressProblem(row.email()).isPresent()) {
                decided.put(row, BulkVerdict.INVALID_ADDRESS);
            } else if (role == null) {
                decided.put(row, BulkVerdict.UNKNOWN_ROLE);
            } else if (!access.canAssign(actingNow, role)) {
                decided.put(row, BulkVerdict.ROLE_TOO_STRONG);
            } else {
                decided.put(row, invitationService.inviteUnderLock(member, tenant, row.email(), role, expiresAt, job.language(), links, pending, mails)
                        .map(BulkInviteProcessor::verdict).orElse(BulkVerdict.INVITED));
            }
        }
        return decided;
    }

    private static BulkVerdict verdict(Reason refusal) {
        return "invitation.address.member".equals(refusal.code()) ? BulkVerdict.ALREADY_MEMBER : BulkVerdict.ALREADY_INVITED;
    }

    /**
     * Tells {@code progress} how many of the job's rows to invite are done, after each chunk a run on this node
     * commits (on that run's thread), until the returned handle is run.
     */
    Runnable watch(UUID workspaceId, UUID jobId, IntConsumer progress) {
        Watched key = new Watched(workspaceId, jobId);
        watchers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(progress);
        return () -> watchers.computeIfPresent(key, (k, set) -> {
            set.remove(progress);
            return set.isEmpty() ? null : set;
        });
    }

    private void tell(UUID workspaceId, UUID jobId) {
        Set<IntConsumer> watching = watchers.get(new Watched(workspaceId, jobId));
        if (watching == null || watching.isEmpty()) {
            return;
        }
        int done = jobs.progress(tenantDsl.of(binder.bindSystem(workspaceId)), jobId).map(BulkJob::done).orElse(0);
        for (IntConsumer progress : watching) {
            try {
                progress.accept(done);
            } catch (RuntimeException e) {
                // A listener that fails (its page went away) does not stop the invitations.
                log.debug("Progress of a bulk invitation not shown", e);
            }
        }
    }

    /** Runs stop between chunks; the next start's cluster job carries on. */
    @PreDestroy
    void stop() {
        stopping = true;
    }

    /** The cluster job that carries on with unfinished bulk invites, such as those a restart interrupted. */
    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        ClusterJob bulkInvitationJob(BulkInviteProcessor processor, AtriumProperties properties) {
            return ClusterJob.every(JOB, properties.invitations().bulkResumeInterval(), processor::resumeUnfinished);
        }
    }
}
