package dev.atrium.admin.invitation;

import java.util.List;
import java.util.UUID;

import dev.atrium.admin.refusal.Reason;

/** What became of each address of an invite request: invited (with its link) or rejected (with the reason). */
public record InviteOutcome(List<Sent> invited, List<Rejected> rejected) {

    /**
     * An invitation made; the link carries the raw token and is shown only now. {@code mailQueued}: its e-mail is queued
     * and goes out after the commit (false when no mail server is configured).
     */
    public record Sent(UUID invitationId, String email, String link, boolean mailQueued) {
    }

    /** An address (or invitation) not invited (or changed), and why. */
    public record Rejected(String address, Reason reason) {
    }
}
