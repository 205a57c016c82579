/**
 * Requests the server makes to addresses a workspace admin typed (webhook endpoints, an identity provider's metadata
 * and discovery document) or that such a document names (the token, key set and userinfo endpoints sign-in calls):
 * the SSRF guard ({@link dev.atrium.admin.outbound.OutboundAddresses}) that keeps them off loopback, private and
 * link-local addresses unless the operator allows private networks ({@code atrium.webhooks.allow-private-networks}),
 * and the HTTP client that identity providers' requests share ({@link dev.atrium.admin.outbound.OutboundHttp}). It
 * depends on no other capability, so each of them can use it.
 */
@NullMarked
package dev.atrium.admin.outbound;

import org.jspecify.annotations.NullMarked;
