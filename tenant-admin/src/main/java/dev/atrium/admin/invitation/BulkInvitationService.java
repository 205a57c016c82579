package dev.atrium.admin.invitation;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntConsumer;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.ratelimit.RateLimit;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.ratelimit.RateLimiter;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.PreDestroy;

/**
 * Inviting many people from a CSV file ({@code email,role}): {@link #preview} reads and judges every row and stores
 * nothing; {@link #invite} stores the confirmed rows as a job and invites the rows the preview found invitable, in the
 * background, a chunk of rows per transaction, judging each row again under the locks invite takes
 * ({@link BulkInviteProcessor}). Their e-mails go through the invitation mail outbox; a job a restart interrupted is
 * carried on by a cluster job, and its stored outcomes stay readable ({@link #latest}, {@link #rows}).
 */
@Service
public class BulkInvitationService {

    private static final Logger log = LoggerFactory.getLogger(BulkInvitationService.class);

    public static final int MAX_ROWS = 1_000;
    /** Room for the most rows of the longest addresses and role names, with separators and quotes. */
    public static final int MAX_FILE_BYTES = MAX_ROWS * (InvitationService.MAX_ADDRESS_LENGTH + RoleService.MAX_NAME_LENGTH * 4 + 8);

    private final BulkInviteProcessor processor;
    private final BulkInviteJobRepository jobs;
    private final InvitationRepository invitations;
    private final TenantDsl tenantDsl;
    private final DSLContext platform;
    private final AccessControl access;
    private final RoleService roles;
    private final RateLimiter rateLimiter;
    private final PublicUrl publicUrl;
    private final AuditLog auditLog;
    private final TransactionTemplate transaction;
    private final Clock clock;
    /** Files invited at once on this node, each on its own thread; a confirmation beyond them is left to the cluster job. */
    static final int CONCURRENT_RUNS = 2;

    private final SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("bulk-invite-");

    BulkInvitationService(BulkInviteProcessor processor, BulkInviteJobRepository jobs, InvitationRepository invitations,
            TenantDsl tenantDsl, DSLContext platform, AccessControl access, RoleService roles, RateLimiter rateLimiter, PublicUrl publicUrl,
            AuditLog auditLog, PlatformTransactionManager transactionManager, Clock clock) {
        this.processor = processor;
        this.jobs = jobs;
        this.invitations = invitations;
        this.tenantDsl = tenantDsl;
        this.platform = platform;
        this.access = access;
        this.roles = roles;
        this.rateLimiter = rateLimiter;
        this.publicUrl = publicUrl;
        this.auditLog = auditLog;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        executor.setVirtualThreads(true);
        // A few files at once at most; more are left to the cluster job rather than crowd the database. Refused, not
        // queued: waiting would hold the confirming request's thread and its user's session lock.
        executor.setConcurrencyLimit(CONCURRENT_RUNS);
        executor.setRejectTasksWhenLimitReached(true);
        executor.setTaskTerminationTimeout(30_000);
    }

    /**
     * Every row of the uploaded file with what inviting it would do; nothing is stored or sent. Reads at most one byte
     * more than {@value #MAX_FILE_BYTES} of it: the browser's size check binds only browsers, and a request may send
     * any amount.
     *
     * @throws InvitationException when the file is too big, not CSV in UTF-8, empty, or has more than
     *         {@value #MAX_ROWS} rows
     * @throws IOException when the upload cannot be read to its end or the limit
     */
    public List<BulkRow> preview(TenantScope scope, InputStream file) throws IOException {
        // Before reading: a member who may not invite gets nothing of theirs into memory.
        RoleSummary acting = access.require(scope, Permissions.MEMBERS_INVITE);
        byte[] read = file.readNBytes(MAX_FILE_BYTES + 1);
        if (read.length > MAX_FILE_BYTES) {
            throw new InvitationException("bulk.file-too-big", MAX_FILE_BYTES / 1024);
        }
        List<BulkInviteCsv.Line> lines = BulkInviteCsv.read(read, MAX_ROWS);
        List<RoleSummary> known = roles.roles(scope);
        DSLContext tenant = tenantDsl.of(scope);
        Set<String> seen = new HashSet<>();
        List<BulkRow> rows = new ArrayList<>(lines.size());
        for (BulkInviteCsv.Line line : lines) {
            Optional<RoleSummary> role = known.stream().filter(r -> names(r, line.role())).findFirst();
            BulkVerdict verdict;
            if (InvitationService.addressProblem(line.email()).isPresent()) {
                verdict = BulkVerdict.INVALID_ADDRESS;
            } else if (!seen.add(InvitationRepository.normalize(line.email()))) {
                verdict = BulkVerdict.DUPLICATE_IN_FILE;
            } else if (role.isEmpty()) {
                verdict = BulkVerdict.UNKNOWN_ROLE;
            } else if (!access.canAssign(acting, role.get())) {
                verdict = BulkVerdict.ROLE_TOO_STRONG;
            } else if (invitations.isMember(tenant, InvitationRepository.normalize(line.email()))) {
                verdict = BulkVerdict.ALREADY_MEMBER;
            } else if (hasPendingInvitation(tenant, line.email())) {
                verdict = BulkVerdict.ALREADY_INVITED;
            } else {
                verdict = BulkVerdict.WILL_INVITE;
            }
            rows.add(new BulkRow(line.number(), line.email(), line.role(), role.map(RoleSummary::id).orElse(null), verdict));
        }
        return List.copyOf(rows);
    }

    /**
     * Confirms the preview: stores it as a job (every row with its verdict, audited in the same transaction) and
     * invites the rows it found invitable ({@link BulkVerdict#WILL_INVITE}) in the background, completing with every
     * row's outcome as stored; the others keep their verdict. Each row to invite counts as one invitation against the
     * workspace's hourly allowance, taken for all of them before anything is stored and given back for rows that then
     * turn out not invitable. Should the application stop before the job is done, the {@value BulkInviteProcessor#JOB}
     * cluster job carries on with its rows on whichever node runs next. When this node already invites
     * {@value #CONCURRENT_RUNS} files, it returns at once and leaves the rows to that cluster job; the future then fails
     * with a {@link BulkInviteDeferredException}.
     *
     * @param progress told how many of the rows to invite are done, after each chunk (on the background thread)
     * @throws RateLimitExceededException when the allowance left cannot cover the rows to invite; nothing is stored
     */
    public CompletableFuture<List<BulkRow>> invite(TenantScope scope, List<BulkRow> preview, Locale language, IntConsumer progress) {
        UUID jobId = confirm(scope, preview, language);
        Runnable unwatch = processor.watch(scope.workspaceId(), jobId, progress);
        CompletableFuture<List<BulkRow>> run;
        try {
            run = CompletableFuture.supplyAsync(() -> {
                if (!processor.runUntilDone(scope.workspaceId(), jobId)) {
                    throw new CancellationException("The application stopped; the invitations continue when it runs again");
                }
                return rows(scope, jobId);
            }, executor);
        } catch (TaskRejectedException e) {
            // Nothing was claimed: the job's rows wait, listed, for the cluster job.
            unwatch.run();
            log.info("Bulk invitation {} in workspace {} left to the cluster job: {} files are being invited", jobId, scope.workspaceId(),
                    CONCURRENT_RUNS);
            return CompletableFuture.failedFuture(new BulkInviteDeferredException(CONCURRENT_RUNS));
        }
        return run.whenComplete((result, failure) -> {
            unwatch.run();
            if (failure != null) {
                log.error("Bulk invitation {} in workspace {} stopped", jobId, scope.workspaceId(), failure);
            }
        });
    }

    /**
     * Stores the preview as a job whose rows are still to invite, with its audit event, in one transaction that also
     * lists the workspace for the cluster job; nothing is invited yet.
     *
     * @throws RateLimitExceededException when the allowance left cannot cover the rows to invite; nothing is stored
     */
    UUID confirm(TenantScope scope, List<BulkRow> preview, Locale language) {
        access.require(scope, Permissions.MEMBERS_INVITE);
        int toInvite = (int) preview.stream().filter(row -> row.verdict() == BulkVerdict.WILL_INVITE).count();
        // Rows are invited without a request to make links from: the application's address is taken now.
        String linkBase = publicUrl.of("");
        rateLimiter.take(RateLimit.INVITATIONS_SENT, scope.workspaceId(), toInvite);
        try {
            return transaction.execute(status -> {
                BulkInviteJobRepository.UNFINISHED.list(platform, scope.workspaceId());
                UUID id = jobs.insert(tenantDsl.of(scope), scope.accountId(), OffsetDateTime.now(clock), language, linkBase, preview);
                auditLog.record(scope, AuditActions.INVITATION_BULK_CONFIRMED, new AuditTarget("bulk_invitation", id.toString(), "CSV, " + preview.size() + " rows"),
                        null, Map.of("rows", preview.size(), "toInvite", toInvite));
                return id;
            });
        } catch (RuntimeException e) {
            rateLimiter.giveBack(RateLimit.INVITATIONS_SENT, scope.workspaceId(), toInvite);
            throw e;
        }
    }

    /** The workspace's most recently confirmed bulk invite, with its progress; empty when there was none. */
    public Optional<BulkJob> latest(TenantScope scope) {
        access.require(scope, Permissions.MEMBERS_INVITE);
        DSLContext tenant = tenantDsl.of(scope);
        return jobs.latest(tenant).flatMap(id -> jobs.progress(tenant, id));
    }

    /** The job's progress as stored. */
    public Optional<BulkJob> job(TenantScope scope, UUID jobId) {
        access.require(scope, Permissions.MEMBERS_INVITE);
        return jobs.progress(tenantDsl.of(scope), jobId);
    }

    /** Every row of the job in file order, with its outcome once done (its verdict while still to invite). */
    public List<BulkRow> rows(TenantScope scope, UUID jobId) {
        access.require(scope, Permissions.MEMBERS_INVITE);
        return jobs.rows(tenantDsl.of(scope), jobId);
    }

    /**
     * Tells {@code progress} how many of the job's rows to invite are done whenever this node finished a chunk of it
     * (on the thread that did), until the returned handle is run. A page open while another node works on the job
     * sees its progress when it reads {@link #job} again.
     */
    public Runnable watch(TenantScope scope, UUID jobId, IntConsumer progress) {
        access.require(scope, Permissions.MEMBERS_INVITE);
        return processor.watch(scope.workspaceId(), jobId, progress);
    }

    /** The rows with their outcomes as CSV ({@code email,role,outcome}), outcomes worded by {@code worded}. */
    public void writeResult(List<BulkRow> rows, Function<BulkVerdict, String> worded, OutputStream out) {
        BulkInviteCsv.write(rows, worded, out);
    }

    private boolean hasPendingInvitation(DSLContext tenant, String email) {
        return invitations.pendingFor(tenant, InvitationRepository.normalize(email))
                .filter(open -> open.status() == InvitationStatus.PENDING).isPresent();
    }

    /** A role is named by its name or its built-in key, in any case. */
    private static boolean names(RoleSummary role, String name) {
        return role.name().equalsIgnoreCase(name) || (role.builtIn() && role.key() != null && role.key().equalsIgnoreCase(name));
    }

    /** Runs stop after their chunk (the cluster job carries on after the restart) instead of holding up the shutdown. */
    @PreDestroy
    void stop() {
        processor.stop();
        executor.close();
    }
}
