/**
 * Rate limits on what one account or workspace can make Atrium do (create workspaces, send and resend invitation
 * e-mails, try join link tokens), counted in PostgreSQL so that every application node shares them. A refusal is a
 * {@link dev.atrium.admin.ratelimit.RateLimitExceededException} saying when to try again.
 */
@NullMarked
package dev.atrium.admin.ratelimit;

import org.jspecify.annotations.NullMarked;
