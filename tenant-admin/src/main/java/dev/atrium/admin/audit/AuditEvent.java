package dev.atrium.admin.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One recorded change. {@code before} and {@code after} are JSON objects (or null) of the values that changed. */
public record AuditEvent(long seq, UUID id, OffsetDateTime occurredAt, UUID actorId, String actorEmail, String actorName,
        String action, AuditTarget target, String before, String after, String ipAddress, String userAgent, String requestId) {
}
