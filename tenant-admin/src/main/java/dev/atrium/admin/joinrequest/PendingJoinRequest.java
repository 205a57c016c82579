package dev.atrium.admin.joinrequest;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A request waiting for an admin's answer. */
public record PendingJoinRequest(UUID id, UUID accountId, String email, OffsetDateTime createdAt) {
}
