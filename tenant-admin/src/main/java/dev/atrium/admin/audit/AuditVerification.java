package dev.atrium.admin.audit;

import java.util.UUID;

/** The result of checking the whole chain: intact, or the first broken link and what is wrong with it. */
public record AuditVerification(boolean intact, long checked, Long brokenAtSeq, UUID brokenEventId, String problem) {
}
