package dev.atrium.admin.invitation;

/** The request cannot be carried out as asked (bad input, a rule); nothing was stored. */
public class InvitationException extends RuntimeException {
    public InvitationException(String message) {
        super(message);
    }
}
