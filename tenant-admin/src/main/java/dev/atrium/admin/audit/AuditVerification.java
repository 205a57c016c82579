package dev.atrium.admin.audit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The result of checking the chain: intact, or the first broken link and what is wrong with it. {@code comparedWith}
 * is the signed checkpoint the chain was checked against (null if none was published yet); {@code published} the
 * checkpoint published after an intact result (null if none was needed or it could not be written).
 */
public record AuditVerification(boolean intact, long checked, Long brokenAtSeq, UUID brokenEventId, Problem problem,
        AuditCheckpoint comparedWith, AuditCheckpoint published) {

    static AuditVerification intact(long checked, AuditCheckpoint comparedWith) {
        return new AuditVerification(true, checked, null, null, null, comparedWith, null);
    }

    static AuditVerification broken(long checked, Long atSeq, UUID eventId, Problem problem, AuditCheckpoint comparedWith) {
        return new AuditVerification(false, checked, atSeq, eventId, problem, comparedWith, null);
    }

    AuditVerification withPublished(AuditCheckpoint checkpoint) {
        return new AuditVerification(intact, checked, brokenAtSeq, brokenEventId, problem, comparedWith, checkpoint);
    }

    /** What is wrong with the chain, worded from the bundles ({@link Kind#messageKey()}) in the reader's language. */
    public enum Kind {
        /** Args: the log's last event, the checkpoint's event, the checkpoint's signing time. */
        WOUND_BACK,
        LINK_MISMATCH,
        /** Args: the checkpoint's signing time. */
        NOT_THE_CHECKPOINTS_EVENT,
        NEWEST_MISSING,
        /** Args: the checkpoint's event, its signing time. */
        CHECKPOINTS_EVENT_MISSING,
        /** Args: the checkpoint's event, its signing time. */
        START_DOES_NOT_FOLLOW_CHECKPOINT,
        /** Args: the first event kept. */
        START_WITHOUT_PURGE,
        /** Args: the boundary the checkpoint signed, its signing time, the boundary now. */
        PLAIN_HASH_BOUNDARY_MOVED,
        /** Args: the boundary of plain-hash events. */
        PLAIN_HASH_AFTER_BOUNDARY,
        /** Args: the boundary of plain-hash events the database shows, which its MAC does not authenticate. */
        PLAIN_HASH_BOUNDARY_NOT_AUTHENTICATED,
        CONTENT_DOES_NOT_MATCH_HASH,
        KEY_ID_DOES_NOT_MATCH_MAC,
        CONTENT_DOES_NOT_MATCH_MAC,
        CHECKPOINT_NOT_A_LINE,
        CHECKPOINT_SIGNATURE_INVALID,
        CHECKPOINT_OF_ANOTHER_WORKSPACE;

        /** E.g. {@code audit.problem.wound-back}. */
        public String messageKey() {
            return "audit.problem." + name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * A problem and the arguments of its message: event numbers ({@code Long}) and signing times ({@code Instant}),
     * which the reader's UI formats in their time zone.
     */
    public record Problem(Kind kind, List<Object> args) {

        public Problem {
            args = List.copyOf(args);
        }

        static Problem of(Kind kind, Object... args) {
            return new Problem(kind, Arrays.asList(args));
        }

        /** For logs, not for people. */
        @Override
        public String toString() {
            return args.isEmpty() ? kind.messageKey() : kind.messageKey() + " " + args;
        }
    }
}
