package dev.atrium.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Observes PostgreSQL's lock queue, so that a test knows another transaction is waiting on a lock it holds. */
@Component
public class TestLocks {

    private final DSLContext platform;
    private final TransactionTemplate transaction;

    TestLocks(DSLContext platform, PlatformTransactionManager transactionManager) {
        this.platform = platform;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * Runs {@code holding} in a transaction, then {@code waiting} on a thread of its own, and commits once that thread
     * waits on a lock the transaction holds: an interleaving made certain. Returns what {@code waiting} then returns or
     * throws.
     */
    public <T> CompletableFuture<T> waitingFor(Runnable holding, Supplier<T> waiting) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        transaction.executeWithoutResult(open -> {
            holding.run();
            start(waiting, outcome);
            awaitWaiterOnMyLocks();
        });
        return outcome;
    }

    /** What each of two queued actions returned or threw. */
    public record Queued<A, B>(CompletableFuture<A> first, CompletableFuture<B> second) {
    }

    /**
     * Runs {@code holding} in a transaction, then {@code first} on a thread of its own and, once that waits on a lock
     * the transaction holds, {@code second}; commits once {@code second} waits on a lock too (the transaction's or one
     * {@code first} took meanwhile): two sessions queued in a known order, released together.
     */
    public <A, B> Queued<A, B> queued(Runnable holding, Supplier<A> first, Supplier<B> second) {
        Queued<A, B> queued = new Queued<>(new CompletableFuture<>(), new CompletableFuture<>());
        transaction.executeWithoutResult(open -> {
            holding.run();
            start(first, queued.first());
            awaitWaiterOnMyLocks();
            start(second, queued.second());
            awaitSessionsWaiting(2);
        });
        return queued;
    }

    private static <T> void start(Supplier<T> action, CompletableFuture<T> outcome) {
        Thread.ofPlatform().start(() -> {
            try {
                outcome.complete(action.get());
            } catch (RuntimeException e) {
                outcome.completeExceptionally(e);
            }
        });
    }

    /** Returns once this many sessions of this database wait on a lock, whoever holds it. */
    private void awaitSessionsWaiting(int sessions) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (platform.fetchCount(DSL.selectOne().from(DSL.table("pg_stat_activity"))
                .where(DSL.condition("datname = current_database() and cardinality(pg_blocking_pids(pid)) > 0"))) < sessions) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Fewer than " + sessions + " sessions started waiting on a lock");
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Whether some session waits on a lock in a statement containing this text (a table's name as the statement
     * writes it, schema and all, tells one workspace's statements from the others').
     */
    public boolean someoneWaitsIn(String statementText) {
        return platform.fetchExists(DSL.selectOne().from(DSL.table("pg_stat_activity"))
                .where(DSL.field("wait_event_type", String.class).eq("Lock"))
                .and(DSL.position(DSL.field("query", String.class), DSL.val(statementText)).gt(0)));
    }

    /**
     * Returns once another session waits on a lock the current transaction holds; call it inside that transaction.
     * It asks the database (pg_blocking_pids), it does not guess with a delay.
     */
    private void awaitWaiterOnMyLocks() {
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
