package dev.atrium.admin.webhook;

import java.util.UUID;

import dev.atrium.admin.mail.OutboxMail;

/**
 * The e-mail telling one admin (a member holding {@code webhooks.manage}) that an endpoint was disabled after a day of
 * failed deliveries, published in the transaction that disabled it and kept in the outbox until it was delivered.
 *
 * @param webhooksLink the workspace's Webhooks page ({@code /w/{slug}/webhooks})
 */
record WebhookDisabledMailQueued(UUID accountId, String to, String workspaceName, String endpointUrl, String lastError,
        String webhooksLink) implements OutboxMail {
}
