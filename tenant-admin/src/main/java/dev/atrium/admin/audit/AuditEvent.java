package dev.atrium.admin.audit;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One recorded change. {@code before} and {@code after} are JSON objects (or null) of the values that changed; the
 * actor is null for the system, the origin outside a request.
 */
public record AuditEvent(long seq, UUID id, OffsetDateTime occurredAt, @Nullable UUID actorId, @Nullable String actorEmail,
        @Nullable String actorName, String action, @Nullable AuditTarget target, @Nullable String before,
        @Nullable String after, @Nullable String ipAddress, @Nullable String userAgent, @Nullable String requestId) {
}
