package dev.atrium.admin.invitation;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * An invitation as the invitations grid shows it. {@code replaced}: it expired and a newer invitation to its address
 * replaced it, so it is closed for good (its status still says expired). {@code inviterLostAuthority}: it is pending,
 * but its inviter can no longer grant its role (they left, were removed or their role changed), so accepting it would
 * be refused. {@code mailError} says why its latest e-mail was not delivered (null when it was, or was not tried yet).
 */
public record Invitation(UUID id, String email, UUID roleId, String roleName, String invitedBy, OffsetDateTime sentAt,
        OffsetDateTime expiresAt, InvitationStatus status, boolean replaced, int sendCount, boolean inviterLostAuthority,
        MailDelivery mail, MailError mailError) {

    /** Whether it can still be resent, extended or cancelled: accepted, cancelled and replaced ones are closed for good. */
    public boolean actionable() {
        return !replaced && (status == InvitationStatus.PENDING || status == InvitationStatus.EXPIRED);
    }
}
