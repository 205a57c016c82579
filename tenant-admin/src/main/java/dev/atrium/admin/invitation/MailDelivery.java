package dev.atrium.admin.invitation;

/**
 * How an invitation's latest e-mail fared. Mails go out after the invitation committed, through the outbox, and are
 * retried while the mail server refuses them.
 */
public enum MailDelivery {
    /** Recorded; not tried yet. */
    QUEUED,
    /** Tried and refused; it will be tried again. */
    RETRYING,
    /** Accepted by the mail server. */
    SENT,
    /** Given up after the last attempt, or impossible (no mail server); the link has to be shared by hand. */
    FAILED;

    static MailDelivery of(String dbValue, int attempts) {
        return switch (dbValue) {
            case "sent" -> SENT;
            case "failed" -> FAILED;
            default -> attempts > 0 ? RETRYING : QUEUED;
        };
    }
}
