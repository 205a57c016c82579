package dev.atrium.admin.invitation;

import java.util.List;

/**
 * The result of a resend or cancel over several invitations: which succeeded, which were refused and why, and for a
 * resend each new link (shown only now, like an invite's).
 */
public record BulkOutcome(List<String> done, List<InviteOutcome.Rejected> rejected, List<InviteOutcome.Sent> links) {

    /** A change that makes no links (cancel). */
    public BulkOutcome(List<String> done, List<InviteOutcome.Rejected> rejected) {
        this(done, rejected, List.of());
    }
}
