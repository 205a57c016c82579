package dev.atrium.admin.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

import dev.atrium.admin.audit.AuditRepository.ChainedEvent;
import dev.atrium.admin.audit.AuditVerification.Kind;
import dev.atrium.admin.audit.AuditVerification.Problem;
import dev.atrium.admin.audit.AuditRepository.Head;

/**
 * Walks a workspace's chain inside the caller's snapshot transaction: every link, the head, the purge's anchor, and
 * the last signed checkpoint (its event still there with its link, or legitimately purged; the head not behind it;
 * the plain-hash boundary where it signed it).
 */
@Component
class AuditVerifier {

    /** What the walk found, and the chain's end to publish as the next checkpoint (null when broken). */
    record Walk(AuditVerification verification, AuditCheckpoint end) {
    }

    private final AuditRepository events;
    private final AuditChain chain;

    AuditVerifier(AuditRepository events, AuditChain chain) {
        this.events = events;
        this.chain = chain;
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
        Walker walker = new Walker(checker, last, resume, head);
        if (last != null && head.lastSeq() < last.seq()) {
            return new Walk(AuditVerification.broken(0, last.seq(), null,
                    Problem.of(Kind.WOUND_BACK, head.lastSeq(), last.seq(), last.signedAt()), last), null);
        }
        events.streamChain(tenant, resume ? last.seq() : null, walker::accept);
        AuditVerification result = walker.broken != null ? walker.broken : walker.finish();
        return new Walk(result, result.intact() && walker.checked > 0
                ? new AuditCheckpoint(workspaceId, walker.lastSeq, walker.previous, walker.lastKeyId, head.legacyUntilSeq(), now)
                : null);
    }

    private static final class Walker {

        private final AuditChain.Checker checker;
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
        private AuditEvent latestPurge;
        private AuditVerification broken;

        Walker(AuditChain.Checker checker, AuditCheckpoint last, boolean resume, Head head) {
            this.checker = checker;
            this.last = last;
            this.resume = resume;
            this.head = head;
            this.legacyUntilSeq = last == null ? head.legacyUntilSeq() : last.legacyUntilSeq();
            this.previous = head.anchorPrevHash();
            this.lastSeq = head.anchorSeq() == null ? 0 : head.anchorSeq() - 1;
        }

        void accept(ChainedEvent row) {
            if (broken != null) {
                return;
            }
            checked++;
            AuditEvent event = row.event();
            boolean checkpointEvent = last != null && event.seq() == last.seq();
            Problem problem;
            if (!(resume && checked == 1) && !Arrays.equals(row.prevHash(), previous)) {
                problem = Problem.of(Kind.LINK_MISMATCH);
            } else {
                problem = checker.problem(event, row.prevHash(), row.hash(), row.keyId(), legacyUntilSeq);
            }
            if (problem == null && checkpointEvent && !Arrays.equals(row.hash(), last.mac())) {
                problem = Problem.of(Kind.NOT_THE_CHECKPOINTS_EVENT, last.signedAt());
            }
            if (problem != null) {
                broken = AuditVerification.broken(checked, event.seq(), event.id(), problem, last);
                return;
            }
            sawCheckpointEvent |= checkpointEvent;
            if (AuditActions.AUDIT_PURGED.equals(event.action())) {
                latestPurge = event;
            }
            previous = row.hash();
            lastSeq = event.seq();
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
