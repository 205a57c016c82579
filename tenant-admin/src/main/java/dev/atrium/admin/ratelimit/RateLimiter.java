package dev.atrium.admin.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

import dev.atrium.admin.config.AtriumProperties.RateLimits;
import dev.atrium.admin.config.AtriumProperties;

/**
 * Bucket4j token buckets kept in {@code platform.rate_limit_bucket}: each take locks its bucket's row (SELECT … FOR
 * UPDATE), so the limits hold across application nodes and concurrent requests. Call it outside a database
 * transaction: it uses a connection of its own.
 */
@Component
public class RateLimiter {

    private static final String TABLE = "platform.rate_limit_bucket";
    private static final int CLEAN_UP_BATCH = 1_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final Map<RateLimit, Long> capacities;

    @Autowired
    RateLimiter(DataSource dataSource, Clock clock, AtriumProperties properties) {
        this(dataSource, clock, Map.of(RateLimit.WORKSPACES_CREATED, properties.rateLimits().workspacesPerAccountPerDay(),
                RateLimit.INVITATIONS_SENT, properties.rateLimits().invitationsPerWorkspacePerHour(),
                RateLimit.INVITATIONS_RESENT, properties.rateLimits().resendsPerWorkspacePerHour(),
                RateLimit.JOIN_LINK_ATTEMPTS, properties.rateLimits().joinLinkAttemptsPerAccountPerHour(),
                RateLimit.API_REQUESTS, properties.rateLimits().apiRequestsPerKeyPerMinute()));
    }

    RateLimiter(DataSource dataSource, Clock clock, Map<RateLimit, Long> capacities) {
        capacities.forEach((limit, capacity) -> {
            if (capacity < 1) {
                throw new IllegalStateException("Rate limit " + limit.code() + " must allow at least 1, not " + capacity
                        + " (see README, Configuration: atrium.rate-limits.*).");
            }
        });
        this.capacities = new EnumMap<>(capacities);
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .clientClock(timeMeter(clock))
                // A full bucket is the same as none: its row may go.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
    }

    /**
     * Takes {@code amount} from the subject's allowance, all or nothing.
     *
     * @throws RateLimitExceededException when the allowance left is smaller; nothing was taken
     */
    public void take(RateLimit limit, UUID subject, int amount) {
        if (amount <= 0) {
            return;
        }
        long capacity = capacities.get(limit);
        if (amount > capacity) {
            throw RateLimitExceededException.tooManyAtOnce(limit, capacity);
        }
        ConsumptionProbe probe = bucket(limit, subject).tryConsumeAndReturnRemaining(amount);
        if (!probe.isConsumed()) {
            Duration retryAfter = Duration.ofSeconds(Math.ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
            throw RateLimitExceededException.reached(limit, capacity, amount, retryAfter);
        }
    }

    /** Gives back what {@link #take} took for work that was then not done (never beyond the full allowance). */
    public void giveBack(RateLimit limit, UUID subject, int amount) {
        if (amount > 0) {
            bucket(limit, subject).addTokens(amount);
        }
    }

    /** Deletes the rows of buckets that have filled up again; safe on every node at once (SKIP LOCKED). */
    @Scheduled(fixedDelayString = "${atrium.rate-limits.clean-up-interval:" + RateLimits.DEFAULT_CLEAN_UP_INTERVAL + "}")
    void removeFullBuckets() {
        int removed;
        do {
            removed = buckets.removeExpired(CLEAN_UP_BATCH);
        } while (removed == CLEAN_UP_BATCH);
    }

    private BucketProxy bucket(RateLimit limit, UUID subject) {
        long capacity = capacities.get(limit);
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(capacity).refillGreedy(capacity, limit.period()))
                .build();
        // The capacity is part of the key, so that a changed setting applies at once instead of to new buckets only.
        return buckets.builder().build(limit.code() + ":" + capacity + ":" + subject, () -> configuration);
    }

    private static TimeMeter timeMeter(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
