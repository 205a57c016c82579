package dev.atrium.admin.invitation;

import java.util.List;

/** The result of a resend or cancel over several invitations: which succeeded, which were refused and why. */
public record BulkOutcome(List<String> done, List<InviteOutcome.Rejected> rejected) {
}
