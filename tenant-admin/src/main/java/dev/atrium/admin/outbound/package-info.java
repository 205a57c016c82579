/**
 * Requests the server makes to addresses a workspace admin typed (webhook endpoints, an identity provider's metadata
 * and discovery document): the SSRF guard ({@link dev.atrium.admin.outbound.OutboundAddresses}) that keeps them off
 * loopback, private and link-local addresses unless the operator allows private networks
 * ({@code atrium.webhooks.allow-private-networks}). It depends on no other capability, so each of them can use it.
 */
@NullMarked
package dev.atrium.admin.outbound;

import org.jspecify.annotations.NullMarked;
