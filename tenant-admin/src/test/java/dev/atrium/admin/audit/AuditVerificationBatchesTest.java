package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Consumer;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditVerification.Kind;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Verification checks links in batches on several threads, yet reports what a walk one event after the other does:
 * the first broken event in the chain's order, how many events were checked up to it, and what is wrong — also when
 * the broken event is the last of a batch, the first of the next, or behind a later one broken too.
 */
@SpringBootTest
class AuditVerificationBatchesTest {

    private static final int EVENTS = 2 * AuditVerifier.BATCH + 700;

    @Autowired AuditLogService audit;
    @Autowired AuditLog auditLog;
    @Autowired TestWorkspaces teams;
    @Autowired TenantDsl tenantDsl;
    @Autowired DSLContext platform;
    @Autowired PlatformTransactionManager transactionManager;

    @Test
    void theFirstBrokenEventIsReportedWhereverItFallsAmongTheBatches() {
        TenantScope owner = teams.newWorkspace("Batch Walker");
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int k = 0; k < EVENTS; k++) {
                auditLog.record(owner, AuditActions.WORKSPACE_SETTINGS_CHANGED, null, null, Map.of("n", k));
            }
        });
        long total = tenantDsl.of(owner).fetchCount(AUDIT_EVENT);
        AuditVerification intact = audit.verify(owner);
        assertThat(intact.intact()).isTrue();
        assertThat(intact.checked()).isEqualTo(total);

        // In the third batch: its content changed, its link no longer matches it.
        long late = 2L * AuditVerifier.BATCH + 300;
        asTableOwner(owner, t -> t.update(AUDIT_EVENT).set(AUDIT_EVENT.ACTOR_EMAIL, "someone-else@example.test")
                .where(AUDIT_EVENT.SEQ.eq(late)).execute());
        assertBrokenAt(owner, late, Kind.CONTENT_DOES_NOT_MATCH_MAC);

        // The first of the second batch: it names a previous link other than the one before it (its MAC is off too,
        // but the link to the event before is checked first, as before batches).
        long firstOfSecond = AuditVerifier.BATCH + 1L;
        asTableOwner(owner, t -> t.update(AUDIT_EVENT).set(AUDIT_EVENT.PREV_HASH,
                t.select(AUDIT_EVENT.HASH).from(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.eq(firstOfSecond + 5))).where(AUDIT_EVENT.SEQ.eq(firstOfSecond)).execute());
        assertBrokenAt(owner, firstOfSecond, Kind.LINK_MISMATCH);

        // The last of the first batch.
        long lastOfFirst = AuditVerifier.BATCH;
        asTableOwner(owner, t -> t.update(AUDIT_EVENT).set(AUDIT_EVENT.ACTION, "member.removed")
                .where(AUDIT_EVENT.SEQ.eq(lastOfFirst)).execute());
        assertBrokenAt(owner, lastOfFirst, Kind.CONTENT_DOES_NOT_MATCH_MAC);
    }

    @Test
    void aBreakNearTheStartOfALongChainEndsTheReadingThereAndLeavesVerificationAndRecordingWorking() {
        TenantScope owner = teams.newWorkspace("Early Stopper");
        int events = (AuditVerifier.WINDOW + 3) * AuditVerifier.BATCH;
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            for (int k = 0; k < events; k++) {
                auditLog.record(owner, AuditActions.WORKSPACE_SETTINGS_CHANGED, null, null, Map.of("n", k));
            }
        });
        long early = 10;
        asTableOwner(owner, t -> t.update(AUDIT_EVENT).set(AUDIT_EVENT.ACTOR_EMAIL, "someone-else@example.test")
                .where(AUDIT_EVENT.SEQ.eq(early)).execute());

        // The walk stops while most of the chain is still to be read: the reading is ended, not finished.
        assertBrokenAt(owner, early, Kind.CONTENT_DOES_NOT_MATCH_MAC);
        assertBrokenAt(owner, early, Kind.CONTENT_DOES_NOT_MATCH_MAC);
        new TransactionTemplate(transactionManager).executeWithoutResult(status ->
                auditLog.record(owner, AuditActions.WORKSPACE_SETTINGS_CHANGED, null, null, Map.of("n", "after")));
        assertThat(tenantDsl.of(owner).fetchCount(AUDIT_EVENT)).isGreaterThan(events);
    }

    private void assertBrokenAt(TenantScope owner, long seq, Kind kind) {
        AuditVerification broken = audit.verify(owner);
        assertThat(broken.intact()).isFalse();
        assertThat(broken.brokenAtSeq()).isEqualTo(seq);
        assertThat(broken.checked()).as("events checked up to the broken one").isEqualTo(seq);
        assertThat(broken.problem().kind()).isEqualTo(kind);
        assertThat(broken.brokenEventId()).isEqualTo(tenantDsl.of(owner).select(AUDIT_EVENT.ID).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.SEQ.eq(seq)).fetchSingle().value1());
    }

    /** The append-only triggers switched off for the work, as the table owner can. */
    private void asTableOwner(TenantScope scope, Consumer<DSLContext> work) {
        String table = TenantProvisioner.schemaNameFor(scope.workspaceId()) + ".audit_event";
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            platform.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            work.accept(tenantDsl.of(scope));
            platform.execute("ALTER TABLE " + table + " ENABLE TRIGGER USER");
        });
    }
}
