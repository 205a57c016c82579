package dev.atrium.admin.joinrequest;

import org.jspecify.annotations.Nullable;

/** What became of the person's request, shown on their next visit; {@code roleName} when approved. */
public record JoinOutcome(String workspaceName, String slug, boolean approved, @Nullable String roleName) {
}
