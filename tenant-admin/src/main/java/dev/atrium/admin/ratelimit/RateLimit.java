package dev.atrium.admin.ratelimit;

import java.time.Duration;

/** The limits, each counted per subject (an account, a workspace or an API key) over a rolling period. */
public enum RateLimit {

    WORKSPACES_CREATED("rate_limit.workspaces_created", Duration.ofDays(1)),
    INVITATIONS_SENT("rate_limit.invitations_sent", Duration.ofHours(1)),
    INVITATIONS_RESENT("rate_limit.invitations_resent", Duration.ofHours(1)),
    /** Join link tokens an account tries that match no link: guessing tokens is refused long before it could succeed. */
    JOIN_LINK_ATTEMPTS("rate_limit.join_link_attempts", Duration.ofHours(1)),
    API_REQUESTS("rate_limit.api_requests", Duration.ofMinutes(1));

    /** Suffix of the code of a request that asks for more than the whole allowance at once. */
    public static final String AT_ONCE = ".at_once";

    private final String code;
    private final Duration period;

    RateLimit(String code, Duration period) {
        this.code = code;
        this.period = period;
    }

    /** Stable, for clients, logs and the refusal's message ({@code error.<code>}). */
    public String code() {
        return code;
    }

    /** The allowance refills evenly over this period. */
    public Duration period() {
        return period;
    }
}
