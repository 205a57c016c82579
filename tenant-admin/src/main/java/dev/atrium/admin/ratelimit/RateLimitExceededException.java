package dev.atrium.admin.ratelimit;

import java.time.Duration;

import dev.atrium.admin.refusal.AtriumRefusal;

/**
 * A rate limit refused the request as a whole; nothing was done. Its code is the limit's when the allowance left is
 * too small (arguments: the allowance, the amount asked for, how long to wait as a number and its unit: 0 seconds,
 * 1 minutes, 2 hours), or the limit's with {@link RateLimit#AT_ONCE} when the request asks for more than the whole
 * allowance (argument: the allowance).
 */
public class RateLimitExceededException extends AtriumRefusal {

    private final transient RateLimit limit;
    private final Duration retryAfter;

    private RateLimitExceededException(RateLimit limit, Duration retryAfter, String code, Object... args) {
        super(code, args);
        this.limit = limit;
        this.retryAfter = retryAfter;
    }

    static RateLimitExceededException reached(RateLimit limit, long capacity, long requested, Duration retryAfter) {
        long seconds = Math.max(1, retryAfter.toSeconds());
        long minutes = (seconds + 59) / 60;
        long amount = seconds < 90 ? seconds : minutes < 90 ? minutes : (minutes + 59) / 60;
        int unit = seconds < 90 ? 0 : minutes < 90 ? 1 : 2;
        return new RateLimitExceededException(limit, retryAfter, limit.code(), capacity, requested, amount, unit);
    }

    static RateLimitExceededException tooManyAtOnce(RateLimit limit, long capacity) {
        return new RateLimitExceededException(limit, limit.period(), limit.code() + RateLimit.AT_ONCE, capacity);
    }

    public RateLimit limit() {
        return limit;
    }

    /** How long until the same request would be allowed (rounded up to whole seconds). */
    public Duration retryAfter() {
        return retryAfter;
    }
}
