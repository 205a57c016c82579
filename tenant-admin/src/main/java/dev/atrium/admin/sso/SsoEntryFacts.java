package dev.atrium.admin.sso;

import org.jspecify.annotations.Nullable;

/**
 * What the policies look at when a signed-in member opens a workspace, taken from their session.
 *
 * @param email the account's e-mail address (its domain decides whether the policies apply)
 * @param sso the workspace connection the session was opened through, or null (app-wide sign-in)
 * @param sessionId the HTTP session's id, to record an Owner's break-glass use once per session; only its hash is stored
 */
public record SsoEntryFacts(String email, @Nullable SsoSession sso, String sessionId) {
}
