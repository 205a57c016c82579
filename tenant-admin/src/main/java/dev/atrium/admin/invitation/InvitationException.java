package dev.atrium.admin.invitation;

import dev.atrium.admin.refusal.AtriumRefusal;

/** The request cannot be carried out as asked (bad input, a rule); nothing was stored. */
public class InvitationException extends AtriumRefusal {
    InvitationException(String code, Object... args) {
        super(code, args);
    }
}
