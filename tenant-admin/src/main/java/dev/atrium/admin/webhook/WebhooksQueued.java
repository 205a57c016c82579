package dev.atrium.admin.webhook;

import java.util.UUID;

/**
 * Messages were queued in a workspace's webhook outbox: after the commit, this node starts sending them at once
 * instead of waiting for the next run of the delivery job. Only a hint; the outbox rows are the truth.
 */
record WebhooksQueued(UUID workspaceId) {
}
