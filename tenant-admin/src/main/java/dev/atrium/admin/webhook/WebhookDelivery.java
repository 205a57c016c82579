package dev.atrium.admin.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** One message to one endpoint, with every attempt to deliver it (oldest first). {@code id} is its webhook-id. */
public record WebhookDelivery(UUID id, String eventType, Status status, int attemptCount, OffsetDateTime createdAt,
        OffsetDateTime nextAttemptAt, @Nullable OffsetDateTime deliveredAt, List<Attempt> attempts) {

    public enum Status {
        PENDING, DELIVERED, FAILED
    }

    /**
     * @param httpStatus the endpoint's answer; null when none came (refused address, timeout, connection failure)
     * @param error      why the attempt failed, when it did
     */
    public record Attempt(OffsetDateTime at, @Nullable Integer httpStatus, long latencyMillis, @Nullable String error) {
    }
}
