/**
 * Webhooks: a workspace's endpoints receive its events (member, invitation, role, settings and SSO changes, and every
 * audit event as a SIEM stream) as Standard Webhooks messages, signed with the endpoint's secret. Messages are derived
 * from audit events in the transaction that records them and kept in the {@code webhook_delivery} outbox; after the
 * commit, and again by a cluster job, they are sent in creation order per endpoint, retried with backoff for a day,
 * and never to loopback, private or link-local addresses unless the operator allows private networks. An endpoint that
 * failed for the whole day is disabled and the workspace's admins are told by e-mail.
 */
@NullMarked
package dev.atrium.admin.webhook;

import org.jspecify.annotations.NullMarked;
