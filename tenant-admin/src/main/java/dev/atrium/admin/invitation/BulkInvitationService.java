package dev.atrium.admin.invitation;

import java.io.OutputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.IntConsumer;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.invitation.InvitationService.PendingMail;
import dev.atrium.admin.ratelimit.RateLimit;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.ratelimit.RateLimiter;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.PreDestroy;

/**
 * Inviting many people from a CSV file ({@code email,role}): {@link #preview} reads and judges every row and stores
 * nothing; {@link #invite} then invites the rows the preview found invitable, in the background, a chunk of rows per
 * transaction, judging each row again under the locks invite takes. Their e-mails go through the invitation mail
 * outbox, so they are sent even when the application restarts after a chunk committed.
 */
@Service
public class BulkInvitationService {

    private static final Logger log = LoggerFactory.getLogger(BulkInvitationService.class);

    public static final int MAX_ROWS = 1_000;
    /** Room for the most rows of the longest addresses and role names, with separators and quotes. */
    public static final int MAX_FILE_BYTES = MAX_ROWS * (InvitationService.MAX_ADDRESS_LENGTH + RoleService.MAX_NAME_LENGTH * 4 + 8);
    /** Rows per transaction: few enough that no transaction holds many locks or runs long. */
    static final int CHUNK_SIZE = InvitationService.MAX_ADDRESSES_PER_REQUEST;
    /** Each of a chunk's rows can lose a race for its address at most once per attempt; a few attempts settle it. */
    private static final int CHUNK_ATTEMPTS = 3;

    private final InvitationService invitationService;
    private final InvitationRepository invitations;
    private final TenantDsl tenantDsl;
    private final AccessControl access;
    private final RoleService roles;
    private final RateLimiter rateLimiter;
    private final PublicUrl publicUrl;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("bulk-invite-");

    BulkInvitationService(InvitationService invitationService, InvitationRepository invitations, TenantDsl tenantDsl,
            AccessControl access, RoleService roles, RateLimiter rateLimiter, PublicUrl publicUrl,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.publicUrl = publicUrl;
        this.invitationService = invitationService;
        this.invitations = invitations;
        this.tenantDsl = tenantDsl;
        this.access = access;
        this.roles = roles;
        this.rateLimiter = rateLimiter;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        executor.setVirtualThreads(true);
        // A few files at once at most; more wait their turn rather than crowd the database.
        executor.setConcurrencyLimit(2);
        executor.setTaskTerminationTimeout(30_000);
    }

    /**
     * Every row of the file with what inviting it would do; nothing is stored or sent.
     *
     * @throws InvitationException when the file is too big, not CSV in UTF-8, empty, or has more than
     *         {@value #MAX_ROWS} rows
     */
    public List<BulkRow> preview(TenantScope scope, byte[] file) {
        RoleSummary acting = access.require(scope, Permissions.MEMBERS_INVITE);
        if (file.length > MAX_FILE_BYTES) {
            throw new InvitationException("bulk.file-too-big", MAX_FILE_BYTES / 1024);
        }
        List<BulkInviteCsv.Line> lines = BulkInviteCsv.read(file, MAX_ROWS);
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
     * Invites the rows a {@link #preview} found invitable ({@link BulkVerdict#WILL_INVITE}) in the background and
     * completes with every row's outcome; the others keep their verdict. Each invited row counts as one invitation
     * against the workspace's hourly allowance, taken for all of them before anything is stored and given back for
     * rows that then turn out not invitable.
     *
     * @param progress told how many of the rows to invite have been decided, after each chunk (on the background thread)
     * @throws RateLimitExceededException when the allowance left cannot cover the rows to invite; nothing is stored
     */
    public CompletableFuture<List<BulkRow>> invite(TenantScope scope, List<BulkRow> preview, Locale language, IntConsumer progress) {
        access.require(scope, Permissions.MEMBERS_INVITE);
        List<BulkRow> toInvite = preview.stream().filter(row -> row.verdict() == BulkVerdict.WILL_INVITE).toList();
        // The background thread has no request to make links from: the application's address is taken now.
        String base = publicUrl.of("");
        PublicUrl links = path -> base + path;
        rateLimiter.take(RateLimit.INVITATIONS_SENT, scope.workspaceId(), toInvite.size());
        return CompletableFuture.supplyAsync(() -> {
            Map<BulkRow, BulkVerdict> outcomes = new IdentityHashMap<>();
            int invited = 0;
            try {
                for (int from = 0; from < toInvite.size(); from += CHUNK_SIZE) {
                    List<BulkRow> chunk = toInvite.subList(from, Math.min(from + CHUNK_SIZE, toInvite.size()));
                    Map<BulkRow, BulkVerdict> decided = inviteChunkRetrying(scope, chunk, language, links);
                    outcomes.putAll(decided);
                    invited += (int) decided.values().stream().filter(v -> v == BulkVerdict.INVITED).count();
                    tell(progress, outcomes.size());
                }
            } finally {
                rateLimiter.giveBack(RateLimit.INVITATIONS_SENT, scope.workspaceId(), toInvite.size() - invited);
            }
            return preview.stream().map(row -> outcomes.containsKey(row) ? row.withVerdict(outcomes.get(row)) : row).toList();
        }, executor).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error("Bulk invitation in workspace {} stopped", scope.workspaceId(), failure);
            }
        });
    }

    /** The rows with their outcomes as CSV ({@code email,role,outcome}), outcomes worded by {@code worded}. */
    public void writeResult(List<BulkRow> rows, Function<BulkVerdict, String> worded, OutputStream out) {
        BulkInviteCsv.write(rows, worded, out);
    }

    /**
     * Runs the chunk's transaction again when an invitation to one of its addresses was committed by someone else
     * between its look-up and its insert (the one-pending-invitation-per-address index refused the insert): the next
     * attempt finds that invitation and reports the row as already invited.
     */
    private Map<BulkRow, BulkVerdict> inviteChunkRetrying(TenantScope scope, List<BulkRow> chunk, Locale language, PublicUrl links) {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.execute(status -> inviteChunk(scope, chunk, language, links));
            } catch (DuplicateKeyException e) {
                if (attempt == CHUNK_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** A listener that fails (its page went away) does not stop the invitations. */
    private static void tell(IntConsumer progress, int done) {
        try {
            progress.accept(done);
        } catch (RuntimeException e) {
            log.debug("Progress of a bulk invitation not shown", e);
        }
    }

    /**
     * One transaction: the inviting member's permission and the rows' roles are read again (roles locked, shared),
     * then each row is invited as invite does, under the lock of its address's pending invitation.
     */
    private Map<BulkRow, BulkVerdict> inviteChunk(TenantScope scope, List<BulkRow> chunk, Locale language, PublicUrl links) {
        Map<BulkRow, BulkVerdict> decided = new IdentityHashMap<>();
        RoleSummary acting;
        try {
            acting = access.require(scope, Permissions.MEMBERS_INVITE);
        } catch (PermissionDeniedException e) {
            chunk.forEach(row -> decided.put(row, BulkVerdict.ROLE_TOO_STRONG));
            return decided;
        }
        Collection<UUID> roleIds = new LinkedHashSet<>(chunk.stream().map(BulkRow::roleId).toList());
        roleIds.add(acting.id());
        Map<UUID, RoleSummary> locked = access.lockRoles(scope, roleIds);
        RoleSummary actingNow = locked.getOrDefault(acting.id(), acting);
        DSLContext tenant = tenantDsl.of(scope);
        OffsetDateTime expiresAt = OffsetDateTime.now(clock).plusDays(invitations.expiryDays(tenant));
        List<PendingMail> mails = new ArrayList<>();
        for (BulkRow row : chunk) {
            RoleSummary role = locked.get(row.roleId());
            if (InvitationService.addressProblem(row.email()).isPresent()) {
                decided.put(row, BulkVerdict.INVALID_ADDRESS);
            } else if (role == null) {
                decided.put(row, BulkVerdict.UNKNOWN_ROLE);
            } else if (!access.canAssign(actingNow, role)) {
                decided.put(row, BulkVerdict.ROLE_TOO_STRONG);
            } else {
                decided.put(row, invitationService.inviteUnderLock(scope, tenant, row.email(), role, expiresAt, language, links, mails)
                        .map(BulkInvitationService::verdict).orElse(BulkVerdict.INVITED));
            }
        }
        return decided;
    }

    private static BulkVerdict verdict(Reason refusal) {
        return "invitation.address.member".equals(refusal.code()) ? BulkVerdict.ALREADY_MEMBER : BulkVerdict.ALREADY_INVITED;
    }

    private boolean hasPendingInvitation(DSLContext tenant, String email) {
        return invitations.pendingFor(tenant, InvitationRepository.normalize(email))
                .filter(open -> open.status() == InvitationStatus.PENDING).isPresent();
    }

    /** A role is named by its name or its built-in key, in any case. */
    private static boolean names(RoleSummary role, String name) {
        return role.name().equalsIgnoreCase(name) || (role.builtIn() && role.key() != null && role.key().equalsIgnoreCase(name));
    }

    @PreDestroy
    void stop() {
        executor.close();
    }
}
