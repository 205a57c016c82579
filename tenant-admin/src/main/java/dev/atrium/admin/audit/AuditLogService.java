package dev.atrium.admin.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/** Reading, verifying, exporting and keeping the audit log. Views and exports of the log are audited too. */
@Service
public class AuditLogService {

    public static final int MIN_RETENTION_DAYS = 30;
    public static final int MAX_RETENTION_DAYS = 3650;
    public static final int MAX_PAGE_SIZE = 200;

    private static final Logger log = LoggerFactory.getLogger(AuditLogService.class);
    private static final List<String> CSV_COLUMNS = List.of("seq", "id", "occurred_at", "actor_kind", "actor_id", "actor_email", "actor_name",
            "action", "target_type", "target_id", "target_label", "before", "after", "ip_address", "user_agent", "request_id");

    private final AuditRepository events;
    private final AuditVerifier verifier;
    private final AuditCheckpoints checkpoints;
    private final AuditLog auditLog;
    private final TenantDsl tenantDsl;
    private final TenantBinder binder;
    private final AccessControl access;
    /** The export records itself in a transaction that commits before the events stream in a read-only one. */
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    /** Verification reads the last checkpoint before its snapshot begins, and publishes the next one after it ends. */
    private final TransactionTemplate snapshot;
    private final Clock clock;

    AuditLogService(AuditRepository events, AuditVerifier verifier, AuditCheckpoints checkpoints, AuditLog auditLog, TenantDsl tenantDsl, TenantBinder binder, AccessControl access,
            PlatformTransactionManager transactionManager, Clock clock) {
        this.events = events;
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.auditLog = auditLog;
        this.tenantDsl = tenantDsl;
        this.binder = binder;
        this.access = access;
        this.transaction = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        // Verification reads the head and every event from one snapshot: a commit during the walk is not seen at all.
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
    }

    /**
     * A page of matching events, newest first: the newest ones, those older than {@code olderThanSeq}, or those
     * newer than {@code newerThanSeq}. Keyset paging: a page deep in the log costs what the first one does.
     */
    public AuditPage page(TenantScope scope, AuditFilter filter, Long olderThanSeq, Long newerThanSeq, int size) {
        access.require(scope, Permissions.AUDIT_VIEW);
        int limit = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        DSLContext tenant = tenantDsl.of(scope);
        Condition matching = AuditRepository.matching(tenant, filter);
        if (newerThanSeq != null) {
            List<AuditEvent> newer = events.newerThan(tenant, matching, newerThanSeq, limit + 1);
            boolean hasNewer = newer.size() > limit;
            return new AuditPage(newer.subList(0, Math.min(limit, newer.size())).reversed(), true, hasNewer);
        }
        List<AuditEvent> older = events.olderThan(tenant, matching, olderThanSeq, limit + 1);
        return new AuditPage(older.subList(0, Math.min(limit, older.size())), older.size() > limit, olderThanSeq != null);
    }

    /** Records that the member opened the audit log. */
    @Transactional
    public void recordViewed(TenantScope scope) {
        access.require(scope, Permissions.AUDIT_VIEW);
        auditLog.record(scope, AuditActions.AUDIT_VIEWED, null, null, null);
    }

    /**
     * Streams the matching events, newest first, as CSV or JSON Lines, never holding them all in memory. CSV cells
     * that a spreadsheet would run as a formula are prefixed with an apostrophe. The export itself is audited first.
     */
    public void export(TenantScope scope, AuditFilter filter, AuditExportFormat format, OutputStream out) {
        access.require(scope, Permissions.AUDIT_EXPORT);
        transaction.executeWithoutResult(status -> auditLog.record(scope, AuditActions.AUDIT_EXPORTED, null, null,
                Map.of("format", format.extension(), "filter", describe(filter))));
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        readOnly.executeWithoutResult(status -> {
            DSLContext tenant = tenantDsl.of(scope);
            Condition matching = AuditRepository.matching(tenant, filter);
            try {
                if (format == AuditExportFormat.CSV) {
                    CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get());
                    events.stream(tenant, matching, event -> printRow(csv, event));
                    csv.flush();
                } else {
                    events.stream(tenant, matching, event -> writeLine(writer, event));
                    writer.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Checks every link of the chain from its anchor to its end, and the chain against the workspace's last signed
     * checkpoint; reports the first broken link. When intact, publishes the chain's end as the next checkpoint.
     */
    public AuditVerification verify(TenantScope scope) {
        access.require(scope, Permissions.AUDIT_VIEW);
        return verifyAndCheckpoint(scope, false);
    }

    /**
     * Periodically, and once soon after a node starts (once per cluster, {@code AuditPurgeSchedule}): each workspace's
     * chain from its last checkpoint on is checked and its end published as the next one.
     */
    public void checkpointAll() {
        binder.forEachServed("Audit checkpoint", workspace -> {
            AuditVerification result = verifyAndCheckpoint(workspace, true);
            if (!result.intact()) {
                log.error("The audit log of workspace {} is broken at event #{}: {}", workspace.slug(), result.brokenAtSeq(), result.problem());
            }
        });
    }

    private AuditVerification verifyAndCheckpoint(TenantScope workspace, boolean fromLastCheckpoint) {
        // Read before the snapshot begins: a checkpoint published before this read describes an end committed before it.
        AuditCheckpoint last;
        try {
            last = checkpoints.last(workspace.workspaceId()).orElse(null);
        } catch (AuditCheckpoints.InvalidCheckpointException e) {
            log.error("The last audit checkpoint of workspace {} is invalid: {}", workspace.slug(), e.getMessage());
            return AuditVerification.broken(0, null, null, e.problem(), null);
        }
        AuditVerifier.Walk walk = snapshot.execute(status ->
                verifier.walk(tenantDsl.of(workspace), workspace.workspaceId(), last, fromLastCheckpoint, clock.instant()));
        if (walk.end() == null || walk.end().sameEnd(last)) {
            return walk.verification();
        }
        try {
            return checkpoints.publish(walk.end()) ? walk.verification().withPublished(walk.end()) : walk.verification();
        } catch (RuntimeException e) {
            log.error("Could not publish the audit checkpoint of workspace {}", workspace.slug(), e);
            return walk.verification();
        }
    }

    public int retentionDays(TenantScope scope) {
        access.require(scope, Permissions.AUDIT_VIEW);
        return events.retentionDays(tenantDsl.of(scope));
    }

    @Transactional
    public void setRetentionDays(TenantScope scope, int days) {
        access.require(scope, Permissions.AUDIT_SETTINGS);
        if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
            throw new AuditException("audit.retention-days", MIN_RETENTION_DAYS, MAX_RETENTION_DAYS);
        }
        DSLContext tenant = tenantDsl.of(scope);
        int before = events.lockRetentionDays(tenant);
        events.setRetentionDays(tenant, days);
        auditLog.record(scope, AuditActions.AUDIT_SETTINGS_CHANGED, null, Map.of("retentionDays", before), Map.of("retentionDays", days));
    }

    /**
     * Drops the workspace's events older than its retention and anchors the chain at the first one kept; the system
     * does this, and records it as the actor. Every night {@link AuditPurgeSchedule} calls it for each workspace.
     *
     * @throws PermissionDeniedException when the scope's actor is not the system
     */
    @Transactional
    public int purge(TenantScope workspace) {
        access.requireSystem(workspace);
        DSLContext tenant = tenantDsl.of(workspace);
        // Appends wait for the purge: the anchor must be the first event kept.
        events.lockHead(tenant);
        int days = events.retentionDays(tenant);
        // The append-only trigger refuses deleting events its own clock finds inside the retention: with this node's
        // clock ahead of the database's, one such event would roll the whole purge back, every night.
        OffsetDateTime cutoff = events.deletableBefore(tenant, OffsetDateTime.now(clock).minusDays(days), days);
        // The anchor is recorded in the (keyed) purge event: an anchor moved in the database alone is detected.
        return events.purgeBefore(tenant, cutoff).map(purge -> {
            auditLog.record(workspace, AuditActions.AUDIT_PURGED, null, null, Map.of("deletedEvents", purge.deleted(),
                    "olderThan", cutoff.toString(), "anchorSeq", purge.anchorSeq(),
                    "anchorPrevMac", Base64.getEncoder().encodeToString(purge.anchorPrevHash())));
            return purge.deleted();
        }).orElse(0);
    }

    private static Map<String, String> describe(AuditFilter filter) {
        Map<String, String> described = new LinkedHashMap<>();
        put(described, "actor", filter.actor());
        put(described, "action", filter.action());
        put(described, "target", filter.target());
        put(described, "from", filter.from() == null ? null : filter.from().toString());
        put(described, "to", filter.to() == null ? null : filter.to().toString());
        put(described, "text", filter.text());
        return described;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static void printRow(CSVPrinter csv, AuditEvent e) {
        try {
            csv.printRecord(Arrays.stream(new Object[] { e.seq(), e.id(), e.occurredAt(), e.actorKind(), e.actorId(), e.actorEmail(), e.actorName(),
                    e.action(), e.target() == null ? null : e.target().type(), e.target() == null ? null : e.target().id(),
                    e.target() == null ? null : e.target().label(), e.before(), e.after(), e.ipAddress(), e.userAgent(), e.requestId() })
                    .map(value -> neutralizeFormula(value == null ? "" : value.toString())));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A cell a spreadsheet would evaluate (=, +, -, @, tab, carriage return first) is kept as text; for every CSV export. */
    public static String neutralizeFormula(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private static void writeLine(Writer writer, AuditEvent event) {
        try {
            writer.write(AuditHashing.canonical(event));
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
