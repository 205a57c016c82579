/**
 * The one clock every service reads the time from: what the domain writes (sent, closed, joined, last active, audit
 * events) and what it compares (expiry, resend interval, retention, rate limits) come from it, never from the
 * database's {@code now()}, so that time moves as one when a host or a test replaces it.
 */
@NullMarked
package dev.atrium.admin.time;

import org.jspecify.annotations.NullMarked;
