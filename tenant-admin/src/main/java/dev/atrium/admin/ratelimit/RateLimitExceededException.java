package dev.atrium.admin.ratelimit;

import java.time.Duration;

/** A rate limit refused the request as a whole; nothing was done. */
public class RateLimitExceededException extends RuntimeException {

    private final transient RateLimit limit;
    private final Duration retryAfter;

    RateLimitExceededException(RateLimit limit, String message, Duration retryAfter) {
        super(message);
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    public RateLimit limit() {
        return limit;
    }

    /** Stable code of the limit, e.g. {@code rate_limit.invitations_sent}. */
    public String code() {
        return limit.code();
    }

    /** How long until the same request would be allowed (rounded up to whole seconds). */
    public Duration retryAfter() {
        return retryAfter;
    }

    static String humanize(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        if (seconds < 90) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 90) {
            return minutes + " minutes";
        }
        return (minutes + 59) / 60 + " hours";
    }
}
