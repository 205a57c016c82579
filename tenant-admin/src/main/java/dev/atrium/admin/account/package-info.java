/**
 * Accounts: the people who sign in, created at their first sign-in and refreshed from the identity provider at every
 * later one. An account may be reached by several identities (issuer and subject): an app-wide provider's and
 * workspaces' single sign-on connections', linked by the rules of {@link dev.atrium.admin.account.AccountService}.
 */
@NullMarked
package dev.atrium.admin.account;

import org.jspecify.annotations.NullMarked;
