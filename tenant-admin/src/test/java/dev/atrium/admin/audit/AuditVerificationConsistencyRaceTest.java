package dev.atrium.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/**
 * Invariant 6: "Verify integrity" reads the chain's head and its events from one snapshot, so an append, a sign-in or
 * the purge committing while it runs never makes an intact log look broken.
 */
@SpringBootTest
class AuditVerificationConsistencyRaceTest {

    private static final int REPETITIONS = 60;
    private static final int ROUND_DAYS = AuditLogService.MIN_RETENTION_DAYS + 5;

    @Autowired AuditLogService audit;
    @Autowired TenantBinder binder;
    @Autowired AuditLog auditLog;
    @Autowired SessionAudit sessions;
    @Autowired TestWorkspaces teams;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired MutableClock clock;

    @Test
    void verificationRacingAppendsSignInsAndThePurgeNeverReportsABrokenChain() throws Exception {
        // The clock moves a month and a bit each round: each round's purge deletes the events of the rounds before, as
        // the nightly purge deletes those past the shortest retention.
        TenantScope owner = teams.newWorkspace("Vera");
        audit.setRetentionDays(owner, AuditLogService.MIN_RETENTION_DAYS);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        List<String> falseAlarms = new ArrayList<>();
        int verifications = 0;
        int roundsThatPurged = 0;
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            for (int i = 0; i < REPETITIONS; i++) {
                clock.advance(Duration.ofDays(ROUND_DAYS));
                CyclicBarrier start = new CyclicBarrier(5);
                CountDownLatch writersDone = new CountDownLatch(3);
                int round = i;
                // Verifiers keep verifying until all three writers have committed, so they overlap every commit.
                Callable<List<AuditVerification>> verifyWhileWriting = () -> {
                    start.await();
                    List<AuditVerification> results = new ArrayList<>();
                    do {
                        results.add(audit.verify(owner));
                    } while (writersDone.getCount() > 0);
                    return results;
                };
                List<Future<List<AuditVerification>>> verifiers = List.of(pool.submit(verifyWhileWriting), pool.submit(verifyWhileWriting));
                Future<?> append = pool.submit(() -> {
                    start.await();
                    try {
                        transaction.executeWithoutResult(s -> auditLog.record(owner, AuditActions.WORKSPACE_SETTINGS_CHANGED, null, null,
                                Map.of("round", round)));
                    } finally {
                        writersDone.countDown();
                    }
                    return null;
                });
                Future<?> signIn = pool.submit(() -> {
                    start.await();
                    try {
                        sessions.signedIn(owner.accountId());
                    } finally {
                        writersDone.countDown();
                    }
                    return null;
                });
                Future<Integer> purge = pool.submit(() -> {
                    start.await();
                    try {
                        return audit.purge(binder.bindSystem(owner.workspaceId()));
                    } finally {
                        writersDone.countDown();
                    }
                });

                append.get(30, TimeUnit.SECONDS);
                signIn.get(30, TimeUnit.SECONDS);
                roundsThatPurged += purge.get(30, TimeUnit.SECONDS) > 0 ? 1 : 0;
                for (Future<List<AuditVerification>> verifier : verifiers) {
                    for (AuditVerification verification : verifier.get(30, TimeUnit.SECONDS)) {
                        verifications++;
                        if (!verification.intact()) {
                            falseAlarms.add("#" + verification.brokenAtSeq() + ": " + verification.problem());
                        }
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }

        System.out.printf("AuditVerificationConsistencyRaceTest: %d of %d verifications reported a broken chain%s%n",
                falseAlarms.size(), verifications, falseAlarms.stream().distinct().limit(3).toList());
        assertThat(roundsThatPurged).as("rounds whose purge deleted events").isEqualTo(REPETITIONS);
        assertThat(falseAlarms).as(falseAlarms.size() + " of " + verifications + " verifications reported a broken chain").isEmpty();
        assertThat(audit.verify(owner).intact()).isTrue();
    }
}
