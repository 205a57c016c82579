package dev.atrium.admin.mail;

/**
 * An e-mail event kept in the outbox (Spring Modulith's event publication registry) until its listener delivered it:
 * published in the transaction that decided to send it, delivered after the commit on {@link #EXECUTOR}, and
 * resubmitted while the mail server refuses it.
 */
public interface OutboxMail {

    /** The few threads that talk to the mail server. */
    String EXECUTOR = "invitationMailExecutor";

    /**
     * Whether the retries stop after {@code atrium.invitations.mail.max-attempts} attempts; false for a mail whose
     * listener counts its attempts and gives up itself (recording why).
     */
    default boolean givenUpByRetries() {
        return true;
    }
}
