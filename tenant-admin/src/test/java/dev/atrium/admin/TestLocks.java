package dev.atrium.admin;

import java.time.Duration;
import java.time.Instant;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Observes PostgreSQL's lock queue, so that a test knows another transaction is waiting on a lock it holds. */
@Component
public class TestLocks {

    private final DSLContext platform;

    TestLocks(DSLContext platform) {
        this.platform = platform;
    }

    /**
     * Returns once another session waits on a lock the current transaction holds; call it inside that transaction.
     * It asks the database (pg_blocking_pids), it does not guess with a delay.
     */
    public void awaitWaiterOnMyLocks() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!platform.fetchExists(DSL.selectOne().from(DSL.table("pg_stat_activity"))
                .where(DSL.condition("pg_backend_pid() = any(pg_blocking_pids(pid))")))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("No session started waiting on this transaction's locks");
            }
            Thread.onSpinWait();
        }
    }
}
