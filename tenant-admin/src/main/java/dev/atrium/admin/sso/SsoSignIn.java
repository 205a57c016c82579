package dev.atrium.admin.sso;

import dev.atrium.admin.account.Account;

/**
 * The outcome of a sign-in through a workspace's connection: the account (found by identity, linked, or created), the
 * workspace to land in, whether the person joined it just now, and the session to remember.
 */
public record SsoSignIn(Account account, String workspaceSlug, boolean joined, SsoSession session) {
}
