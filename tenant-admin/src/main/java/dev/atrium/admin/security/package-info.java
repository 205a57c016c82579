/**
 * Sign-in and the security of every response: OpenID Connect login (and the page to choose a provider), the
 * signed-in account, operators, the content security policy and the other security headers.
 */
@NullMarked
package dev.atrium.admin.security;

import org.jspecify.annotations.NullMarked;
