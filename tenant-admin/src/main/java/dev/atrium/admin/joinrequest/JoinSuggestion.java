package dev.atrium.admin.joinrequest;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * "Your colleagues at {domain} use {workspaceName}": a workspace that verified the person's domain. {@code ssoPath} is
 * set when the workspace requires its single sign-on: the person joins by signing in there (just in time).
 */
public record JoinSuggestion(UUID workspaceId, String workspaceName, String slug, String domain, JoinMode mode, boolean requested,
        @Nullable String ssoPath) {
}
