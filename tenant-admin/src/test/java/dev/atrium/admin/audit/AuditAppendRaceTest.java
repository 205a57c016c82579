package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Appends to one workspace's log from many threads released together, through two {@code AuditLog}s standing for two
 * application nodes, each with its own idea of where the chain ends: the database orders them into one chain, with
 * no gap, no number twice, every event after the one before it, and it verifies.
 */
@SpringBootTest
class AuditAppendRaceTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 25;
    private static final int EVENTS_PER_THREAD = 2;

    @Autowired AuditLog nodeA;
    @Autowired AuditRepository events;
    @Autowired AuditChain chain;
    @Autowired TenantDsl tenantDsl;
    @Autowired AccountService accounts;
    @Autowired ObjectProvider<AuditRequestContext> requestContext;
    @Autowired ObjectProvider<AuditSubscriber> subscribers;
    @Autowired ObjectProvider<MeterRegistry> meters;
    @Autowired Clock clock;
    @Autowired AuditLogService audit;
    @Autowired TestWorkspaces teams;
    @Autowired PlatformTransactionManager transactionManager;

    @Test
    void appendsFromManyThreadsOnTwoNodesReleasedTogetherMakeOneGaplessChainThatVerifies() throws Exception {
        AuditLog nodeB = new AuditLog(events, chain, tenantDsl, accounts, requestContext, clock, subscribers, meters);
        TenantScope owner = teams.newWorkspace("Chain Racer");
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        long before = tenantDsl.of(owner).fetchCount(AUDIT_EVENT);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<?>> appenders = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    AuditLog node = t % 2 == 0 ? nodeA : nodeB;
                    int thread = t;
                    int r = round;
                    appenders.add(pool.submit(() -> {
                        start.await();
                        transaction.executeWithoutResult(status -> {
                            for (int e = 0; e < EVENTS_PER_THREAD; e++) {
                                node.record(owner, AuditActions.WORKSPACE_SETTINGS_CHANGED, null, null,
                                        Map.of("round", r, "thread", thread, "event", e));
                            }
                        });
                        return null;
                    }));
                }
                for (Future<?> appender : appenders) {
                    appender.get(60, TimeUnit.SECONDS);
                }
            }
        } finally {
            pool.shutdownNow();
        }

        List<Long> seqs = tenantDsl.of(owner).select(AUDIT_EVENT.SEQ).from(AUDIT_EVENT).orderBy(AUDIT_EVENT.SEQ).fetch(AUDIT_EVENT.SEQ);
        long appended = (long) ROUNDS * THREADS * EVENTS_PER_THREAD;
        assertThat(seqs).hasSize((int) (before + appended));
        for (int k = 0; k < seqs.size(); k++) {
            assertThat(seqs.get(k)).as("seq at position %d", k).isEqualTo(k + 1L);
        }
        AuditVerification verification = audit.verify(owner);
        assertThat(verification.intact()).as("verification: %s", verification).isTrue();
        assertThat(verification.checked()).isEqualTo(before + appended);
    }
}
