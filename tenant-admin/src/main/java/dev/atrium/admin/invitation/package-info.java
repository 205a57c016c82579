/**
 * Invitations: inviting by e-mail with a role, the one-time link (only its hash stored), resending, cancelling,
 * expiry (each announced once, as the audit event invitation.expired), accepting (resting on the inviter's authority at
 * that moment), and the invitation e-mail delivered through the transactional outbox with retries.
 */
@NullMarked
package dev.atrium.admin.invitation;

import org.jspecify.annotations.NullMarked;
