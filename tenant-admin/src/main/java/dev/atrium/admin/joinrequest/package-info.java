/**
 * Join requests by verified domain: a workspace lets people of its verified domains ask to join (admins approve or
 * deny) or join at once with a default role ({@link dev.atrium.admin.joinrequest.JoinRequestService}). Discovery and
 * the requester's outcomes live in the platform schema, since the person is no member yet. Its components are in
 * {@code ui}.
 */
@NullMarked
package dev.atrium.admin.joinrequest;

import org.jspecify.annotations.NullMarked;
