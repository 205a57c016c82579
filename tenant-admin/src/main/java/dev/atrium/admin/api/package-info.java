/**
 * The REST API at {@code /api/v1}: machines act in one workspace with an API key ({@code Authorization: Bearer}).
 * A stateless filter chain of its own (no session, no CSRF, no sign-in redirects) binds the key's workspace; the
 * controllers hold no logic and call the same services as the UI, with the key as the actor. Refusals are RFC 9457
 * problem details carrying the refusal's stable code.
 */
@NullMarked
package dev.atrium.admin.api;

import org.jspecify.annotations.NullMarked;
