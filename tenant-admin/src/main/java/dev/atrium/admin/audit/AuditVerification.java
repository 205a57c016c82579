package dev.atrium.admin.audit;

import java.util.UUID;

/**
 * The result of checking the chain: intact, or the first broken link and what is wrong with it. {@code comparedWith}
 * is the signed checkpoint the chain was checked against (null if none was published yet); {@code published} the
 * checkpoint published after an intact result (null if none was needed or it could not be written).
 */
public record AuditVerification(boolean intact, long checked, Long brokenAtSeq, UUID brokenEventId, String problem,
        AuditCheckpoint comparedWith, AuditCheckpoint published) {

    static AuditVerification intact(long checked, AuditCheckpoint comparedWith) {
        return new AuditVerification(true, checked, null, null, null, comparedWith, null);
    }

    static AuditVerification broken(long checked, Long atSeq, UUID eventId, String problem, AuditCheckpoint comparedWith) {
        return new AuditVerification(false, checked, atSeq, eventId, problem, comparedWith, null);
    }

    AuditVerification withPublished(AuditCheckpoint checkpoint) {
        return new AuditVerification(intact, checked, brokenAtSeq, brokenEventId, problem, comparedWith, checkpoint);
    }
}
