/**
 * Sign-in and the security of every response: OpenID Connect login (and the page to choose a provider), a workspace's
 * SAML endpoints (start, ACS, metadata), the signed-in account, operators, the content security policy and the other
 * security headers.
 */
@NullMarked
package dev.atrium.admin.security;

import org.jspecify.annotations.NullMarked;
