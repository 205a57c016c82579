package dev.atrium.admin.audit;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;

import org.jooq.DSLContext;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import dev.atrium.admin.audit.AuditRepository.ChainedEvent;
import dev.atrium.admin.audit.AuditRepository.Head;
import dev.atrium.admin.audit.AuditVerification.Kind;
import dev.atrium.admin.audit.AuditVerification.Problem;

/**
 * Walks a workspace's chain inside the caller's snapshot transaction: every link, the head, the purge's anchor, and
 * the last signed checkpoint (its event still there with its link, or legitimately purged; the head not behind it;
 * the plain-hash boundary where it signed it), or before the first checkpoint the boundary's MAC.
 * <p>
 * Each event stores the link it follows, so checking its own link (canonical content, MAC) needs no other event: the
 * events are read in batches, whose links are checked on several threads while the reading thread goes on, and then
 * walked in order, one batch after the other, for what does depend on order (each stored previous link being the
 * link before, the checkpoint's event, purges, the end). The first problem found in that order is the one reported,
 * as when everything was checked one event after the other. At most {@link #WINDOW} batches are held at once, so
 * memory stays flat however long the chain.
 */
@Component
class AuditVerifier implements DisposableBean {

    static final int BATCH = 1_000;
    private static final int THREADS = Runtime.getRuntime().availableProcessors();
    /** Batches read but not yet walked: enough to keep every checking thread busy while the reader reads. */
    static final int WINDOW = 2 * (THREADS + 1);

    /** What the walk found, and the chain's end to publish as the next checkpoint (null when broken). */
    record Walk(AuditVerification verification, AuditCheckpoint end) {
    }

    private final AuditRepository events;
    private final AuditChain chain;
    private final ExecutorService checkers = Executors.newFixedThreadPool(THREADS,
            Thread.ofPlatform().daemon().name("audit-verify-", 0).factory());

    AuditVerifier(AuditRepository events, AuditChain chain) {
        this.events = events;
        this.chain = chain;
    }

    @Override
    public void destroy() {
        checkers.shutdownNow();
    }

    /**
     * @param last     the workspace's last checkpoint, read before the snapshot began (null if none)
     * @param fromLast check only from the last checkpoint's event on (it must still carry its signed link), as the
     *                 periodic checkpoint does; otherwise from the first event kept
     */
    Walk walk(DSLContext tenant, UUID workspaceId, AuditCheckpoint last, boolean fromLast, Instant now) {
        Head head = events.head(tenant);
        // Taken after the snapshot began: every key that made a link in it is known, even one rotated in just now.
        AuditChain.Checker checker = chain.checker();
        long firstKept = head.anchorSeq() == null ? 1 : head.anchorSeq();
        boolean resume = fromLast && last != null && last.seq() >= firstKept && last.seq() <= head.lastSeq();
        Walker walker = new Walker(last, resume, head);
        if (last != null && head.lastSeq() < last.seq()) {
            return new Walk(AuditVerification.broken(0, last.seq(), null,
                    Problem.of(Kind.WOUND_BACK, head.lastSeq(), last.seq(), last.signedAt()), last), null);
        }
        // Until a checkpoint pins the boundary, the head's is trusted only with its MAC: the database alone cannot
        // raise it over events it rewrote with plain hashes.
        if (last == null && !checker.authentic(workspaceId, head.legacyUntilSeq(), head.legacyUntilMac(), head.legacyUntilKeyId())) {
            return new Walk(AuditVerification.broken(0, head.legacyUntilSeq(), null,
                    Problem.of(Kind.PLAIN_HASH_BOUNDARY_NOT_AUTHENTICATED, head.legacyUntilSeq()), null), null);
        }
        walkInBatches(tenant, resume ? last.seq() : null, checker, walker);
        AuditVerification result = walker.broken != null ? walker.broken : walker.finish();
        return new Walk(result, result.intact() && walker.checked > 0
                ? new AuditCheckpoint(workspaceId, walker.lastSeq, walker.previous, walker.lastKeyId, head.legacyUntilSeq(), now)
                : null);
    }

    /** Reads the events in batches, has their own links checked in parallel, and walks them in order. */
    private void walkInBatches(DSLContext tenant, Long fromSeq, AuditChain.Checker checker, Walker walker) {
        Deque<Batch> read = new ArrayDeque<>();
        List<ChainedEvent> filling = new ArrayList<>(BATCH);
        try {
            events.streamChain(tenant, fromSeq, row -> {
                filling.add(row);
                if (filling.size() < BATCH) {
                    return true;
                }
                read.add(check(List.copyOf(filling), checker, walker.legacyUntilSeq));
                filling.clear();
                return read.size() < WINDOW || walker.walk(read.poll());
            });
            if (!filling.isEmpty()) {
                read.add(check(List.copyOf(filling), checker, walker.legacyUntilSeq));
            }
            while (walker.broken == null && !read.isEmpty()) {
                walker.walk(read.poll());
            }
        } finally {
            read.forEach(batch -> batch.links().cancel(false));
        }
    }

    private Batch check(List<ChainedEvent> rows, AuditChain.Checker checker, long legacyUntilSeq) {
        FutureTask<Problem[]> links = new FutureTask<>(() -> {
            Problem[] problems = new Problem[rows.size()];
            for (int k = 0; k < problems.length; k++) {
                problems[k] = checker.problem(rows.get(k), legacyUntilSeq);
            }
            return problems;
        });
        checkers.execute(links);
        return new Batch(rows, links);
    }

    /** Events read, and the check of their own links: each one's problem, or null. */
    private record Batch(List<ChainedEvent> rows, FutureTask<Problem[]> links) {

        /** The links' problems; checked on the calling thread if no checking thread has taken the batch yet. */
        Problem[] problems() {
            links.run();
            try {
                return links.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while verifying the audit chain", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException("Could not check the audit chain's links", e.getCause());
            }
        }
    }

    private static final class Walker {

        private final AuditCheckpoint last;
        private final boolean resume;
        private final Head head;
        /** Plain-hash events are accepted up to here: where the last checkpoint signed it, else where the head says. */
        private final long legacyUntilSeq;
        private long checked;
        private byte[] previous;
        private long lastSeq;
        private Integer lastKeyId;
        private boolean sawCheckpointEvent;
        private ChainedEvent latestPurge;
        private AuditVerification broken;

        Walker(AuditCheckpoint last, boolean resume, Head head) {
            this.last = last;
            this.resume = resume;
            this.head = head;
            this.legacyUntilSeq = last == null ? head.legacyUntilSeq() : last.legacyUntilSeq();
            this.previous = head.anchorPrevHash();
            this.lastSeq = head.anchorSeq() == null ? 0 : head.anchorSeq() - 1;
        }

        /** Walks a batch in order; false once a problem was found. */
        boolean walk(Batch batch) {
            Problem[] problems = batch.problems();
            for (int k = 0; k < problems.length && broken == null; k++) {
                accept(batch.rows().get(k), problems[k]);
            }
            return broken == null;
        }

        /** One event, in order, with what is wrong with its own link ({@code linkProblem}, null if nothing). */
        private void accept(ChainedEvent row, Problem linkProblem) {
            checked++;
            long seq = row.seq();
            boolean checkpointEvent = last != null && seq == last.seq();
            Problem problem;
            if (!(resume && checked == 1) && !Arrays.equals(row.prevHash(), previous)) {
                problem = Problem.of(Kind.LINK_MISMATCH);
            } else {
                problem = linkProblem;
            }
            if (problem == null && checkpointEvent && !Arrays.equals(row.hash(), last.mac())) {
                problem = Problem.of(Kind.NOT_THE_CHECKPOINTS_EVENT, last.signedAt());
            }
            if (problem != null) {
                broken = AuditVerification.broken(checked, seq, row.id(), problem, last);
                return;
            }
            sawCheckpointEvent |= checkpointEvent;
            if (row.isPurge()) {
                latestPurge = row;
            }
            previous = row.hash();
            lastSeq = seq;
            lastKeyId = row.keyId();
        }

        AuditVerification finish() {
            if (lastSeq != head.lastSeq() || !Arrays.equals(previous, head.lastHash())) {
                return broken(head.lastSeq(), Problem.of(Kind.NEWEST_MISSING));
            }
            long firstKept = head.anchorSeq() == null ? 1 : head.anchorSeq();
            if (last != null && !sawCheckpointEvent) {
                if (last.seq() >= firstKept) {
                    return broken(last.seq(), Problem.of(Kind.CHECKPOINTS_EVENT_MISSING, last.seq(), last.signedAt()));
                }
                if (last.seq() == firstKept - 1 && !Arrays.equals(head.anchorPrevHash(), last.mac())) {
                    return broken(firstKept, Problem.of(Kind.START_DOES_NOT_FOLLOW_CHECKPOINT, last.seq(), last.signedAt()));
                }
            }
            if (!resume && head.anchorSeq() != null && !purgeRecorded()) {
                return broken(firstKept, Problem.of(Kind.START_WITHOUT_PURGE, firstKept));
            }
            if (last != null && last.legacyUntilSeq() != head.legacyUntilSeq()) {
                return broken(head.legacyUntilSeq(),
                        Problem.of(Kind.PLAIN_HASH_BOUNDARY_MOVED, last.legacyUntilSeq(), last.signedAt(), head.legacyUntilSeq()));
            }
            return AuditVerification.intact(checked, last);
        }

        /** The newest purge event records the anchor the head shows; purges from before the keyed chain did not record it. */
        private boolean purgeRecorded() {
            if (latestPurge == null) {
                return false;
            }
            Map<?, ?> after = AuditHashing.JSON.readValue(latestPurge.after(), Map.class);
            if (!after.containsKey("anchorSeq")) {
                return latestPurge.seq() <= legacyUntilSeq;
            }
            return ((Number) after.get("anchorSeq")).longValue() == head.anchorSeq()
                    && Arrays.equals(Base64.getDecoder().decode((String) after.get("anchorPrevMac")), head.anchorPrevHash());
        }

        private AuditVerification broken(long atSeq, Problem problem) {
            return AuditVerification.broken(checked, atSeq, null, problem, last);
        }
    }
}
