package dev.atrium.admin.ratelimit;

import java.time.Duration;

/** The limits, each counted per subject (an account or a workspace) over a rolling period. */
public enum RateLimit {

    WORKSPACES_CREATED("rate_limit.workspaces_created", Duration.ofDays(1), "workspaces", "per day",
            "You have created as many workspaces as allowed"),
    INVITATIONS_SENT("rate_limit.invitations_sent", Duration.ofHours(1), "invitations", "per hour",
            "This workspace has sent as many invitations as allowed"),
    INVITATIONS_RESENT("rate_limit.invitations_resent", Duration.ofHours(1), "resent invitations", "per hour",
            "This workspace has resent as many invitations as allowed");

    private final String code;
    private final Duration period;
    private final String unit;
    private final String per;
    private final String reached;

    RateLimit(String code, Duration period, String unit, String per, String reached) {
        this.code = code;
        this.period = period;
        this.unit = unit;
        this.per = per;
        this.reached = reached;
    }

    /** Stable, for clients and logs; the message may change. */
    public String code() {
        return code;
    }

    /** The allowance refills evenly over this period. */
    public Duration period() {
        return period;
    }

    String refusal(long capacity, long requested, Duration retryAfter) {
        String allowance = capacity + " " + unit + " " + per;
        if (requested > capacity) {
            return "At most " + allowance + " are allowed; ask for fewer at once.";
        }
        return reached + " (" + allowance + (requested > 1 ? "; this asks for " + requested : "") + "). Try again in "
                + RateLimitExceededException.humanize(retryAfter) + ".";
    }
}
