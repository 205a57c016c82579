/**
 * Accounts: the people who sign in, created at their first OpenID Connect sign-in and refreshed from the ID token
 * at every later one.
 */
@NullMarked
package dev.atrium.admin.account;

import org.jspecify.annotations.NullMarked;
