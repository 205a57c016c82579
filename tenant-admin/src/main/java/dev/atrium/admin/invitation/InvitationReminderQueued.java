package dev.atrium.admin.invitation;

import java.util.UUID;

import dev.atrium.admin.mail.OutboxMail;

/**
 * A reminder of a pending invitation to send, published in the transaction that marked the invitation reminded and
 * kept in the outbox (Spring Modulith's event publication registry) until it was delivered or dropped, or
 * the retries gave up.
 */
record InvitationReminderQueued(UUID workspaceId, UUID invitationId) implements OutboxMail {
}
