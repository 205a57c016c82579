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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.role.AccessControl;
import dev.atrium.admin.role.Permissions;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.db.jooq.tenant.tables.records.AuditHeadRecord;

/** Reading, verifying, exporting and keeping the audit log. Views and exports of the log are audited too. */
@Service
public class AuditLogService {

    public static final int MIN_RETENTION_DAYS = 30;
    public static final int MAX_RETENTION_DAYS = 3650;
    public static final int MAX_PAGE_SIZE = 200;

    private static final Logger log = LoggerFactory.getLogger(AuditLogService.class);
    private static final List<String> CSV_COLUMNS = List.of("seq", "id", "occurred_at", "actor_id", "actor_email", "actor_name",
            "action", "target_type", "target_id", "target_label", "before", "after", "ip_address", "user_agent", "request_id");

    private final AuditRepository events;
    private final AuditLog auditLog;
    private final TenantDsl tenantDsl;
    private final TenantBinder binder;
    private final AccessControl access;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate snapshot;
    private final Clock clock;

    AuditLogService(AuditRepository events, AuditLog auditLog, TenantDsl tenantDsl, TenantBinder binder, AccessControl access,
            PlatformTransactionManager transactionManager, ObjectProvider<Clock> clock) {
        this.events = events;
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
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * A page of matching events, newest first: the newest ones, those older than {@code olderThanSeq}, or those
     * newer than {@code newerThanSeq}. Keyset paging: a page deep in the log costs what the first one does.
     */
    public AuditPage page(TenantScope scope, AuditFilter filter, Long olderThanSeq, Long newerThanSeq, int size) {
        access.require(scope, Permissions.AUDIT_VIEW);
        int limit = Math.max(1, Math.min(size, MAX_PAGE_SIZE));
        DSLContext tenant = tenantDsl.of(scope);
        Condition matching = AuditRepository.matching(filter);
        if (newerThanSeq != null) {
            List<AuditEvent> newer = events.newerThan(tenant, matching, newerThanSeq, limit + 1);
            boolean hasNewer = newer.size() > limit;
            return new AuditPage(newer.subList(0, Math.min(limit, newer.size())).reversed(), true, hasNewer);
        }
        List<AuditEvent> older = events.olderThan(tenant, matching, olderThanSeq, limit + 1);
        return new AuditPage(older.subList(0, Math.min(limit, older.size())), older.size() > limit, olderThanSeq != null);
    }

    /** Records that the member opened the audit log. */
    public void recordViewed(TenantScope scope) {
        access.require(scope, Permissions.AUDIT_VIEW);
        transaction.executeWithoutResult(status -> auditLog.record(scope, AuditActions.AUDIT_VIEWED, null, null, null));
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
            try {
                if (format == AuditExportFormat.CSV) {
                    CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(CSV_COLUMNS.toArray(String[]::new)).get());
                    events.stream(tenantDsl.of(scope), AuditRepository.matching(filter), event -> printRow(csv, event));
                    csv.flush();
                } else {
                    events.stream(tenantDsl.of(scope), AuditRepository.matching(filter), event -> writeLine(writer, event));
                    writer.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Checks every link of the chain from its anchor to its end; reports the first broken one. */
    public AuditVerification verify(TenantScope scope) {
        access.require(scope, Permissions.AUDIT_VIEW);
        return snapshot.execute(status -> {
            DSLContext tenant = tenantDsl.of(scope);
            AuditHeadRecord head = events.head(tenant);
            long[] checked = { 0 };
            byte[][] previous = { head.getAnchorPrevHash() };
            AuditVerification[] broken = { null };
            events.streamChain(tenant, row -> {
                if (broken[0] != null) {
                    return;
                }
                checked[0]++;
                if (!Arrays.equals(row.getPrevHash(), previous[0])) {
                    broken[0] = new AuditVerification(false, checked[0], row.getSeq(), row.getId(),
                            "Its link to the previous event does not match: an event before it was removed or changed.");
                } else if (!Arrays.equals(row.getHash(), AuditHashing.hash(row.getPrevHash(), AuditRepository.toEvent(row)))) {
                    broken[0] = new AuditVerification(false, checked[0], row.getSeq(), row.getId(),
                            "Its content does not match its hash: it was changed after it was recorded.");
                }
                previous[0] = row.getHash();
            });
            if (broken[0] != null) {
                return broken[0];
            }
            if (!Arrays.equals(previous[0], head.getLastHash())) {
                return new AuditVerification(false, checked[0], head.getLastSeq(), null,
                        "The newest events are missing: the log ends before the last recorded event.");
            }
            return new AuditVerification(true, checked[0], null, null, null);
        });
    }

    public int retentionDays(TenantScope scope) {
        access.require(scope, Permissions.AUDIT_VIEW);
        return events.retentionDays(tenantDsl.of(scope));
    }

    public void setRetentionDays(TenantScope scope, int days) {
        access.require(scope, Permissions.AUDIT_SETTINGS);
        if (days < MIN_RETENTION_DAYS || days > MAX_RETENTION_DAYS) {
            throw new AuditException("Audit events can be kept from " + MIN_RETENTION_DAYS + " to " + MAX_RETENTION_DAYS + " days.");
        }
        transaction.executeWithoutResult(status -> {
            DSLContext tenant = tenantDsl.of(scope);
            int before = events.retentionDays(tenant);
            events.setRetentionDays(tenant, days);
            auditLog.record(scope, AuditActions.AUDIT_SETTINGS_CHANGED, null, Map.of("retentionDays", before), Map.of("retentionDays", days));
        });
    }

    /** Every night: each workspace drops the events older than its retention, and records that it did. */
    @Scheduled(cron = "${atrium.audit.purge-cron:0 30 3 * * *}")
    public void purgeAll() {
        for (TenantScope workspace : binder.systemScopes()) {
            try {
                purge(workspace);
            } catch (RuntimeException e) {
                log.error("Audit purge failed for workspace {}", workspace.slug(), e);
            }
        }
    }

    /** Drops the workspace's events older than its retention and anchors the chain at the first one kept. */
    public int purge(TenantScope workspace) {
        return transaction.execute(status -> {
            DSLContext tenant = tenantDsl.of(workspace);
            // Appends wait for the purge: the anchor must be the first event kept.
            events.lockHead(tenant);
            OffsetDateTime cutoff = OffsetDateTime.now(clock).minusDays(events.retentionDays(tenant));
            int deleted = events.purgeBefore(tenant, cutoff);
            if (deleted > 0) {
                auditLog.record(tenant, null, AuditActions.AUDIT_PURGED, null, null,
                        Map.of("deletedEvents", deleted, "olderThan", cutoff.toString()));
            }
            return deleted;
        });
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
            csv.printRecord(Arrays.stream(new Object[] { e.seq(), e.id(), e.occurredAt(), e.actorId(), e.actorEmail(), e.actorName(),
                    e.action(), e.target() == null ? null : e.target().type(), e.target() == null ? null : e.target().id(),
                    e.target() == null ? null : e.target().label(), e.before(), e.after(), e.ipAddress(), e.userAgent(), e.requestId() })
                    .map(value -> neutralizeFormula(value == null ? "" : value.toString())));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A cell a spreadsheet would evaluate (=, +, -, @, tab, carriage return first) is kept as text. */
    static String neutralizeFormula(String cell) {
        return !cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    private static void writeLine(Writer writer, AuditEvent event) {
        try {
            writer.write(AuditHashing.JSON.writeValueAsString(AuditHashing.content(event)));
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
