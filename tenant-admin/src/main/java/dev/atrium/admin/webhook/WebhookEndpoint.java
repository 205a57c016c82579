package dev.atrium.admin.webhook;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An endpoint as the Webhooks page shows it; never its secret.
 *
 * @param disabledReason why the system disabled it (its deliveries kept failing), for the page's banner; null when
 *                       enabled or disabled by a person
 */
public record WebhookEndpoint(UUID id, String url, List<String> eventTypes, boolean enabled, @Nullable String disabledReason,
        OffsetDateTime createdAt) {
}
