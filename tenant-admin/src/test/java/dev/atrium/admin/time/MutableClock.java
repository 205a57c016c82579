package dev.atrium.admin.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The clock tests move instead of backdating rows: the real time shifted by an offset that only ever grows, so time
 * still passes (mail retries, waits) and never runs backwards for a later test sharing the context.
 * <p>
 * The audit log's trigger reads the database's own time to refuse deleting events still inside their retention. The
 * clock starts eight years behind it, so that for the database the tests' events are older than a year yet inside
 * the longest retention (ten years): a purge the clock was moved past the retention for may delete them, and the
 * guard still refuses deleting them under the longest retention. A suite moves it by less than seven years in all
 * (most of it {@code AuditVerificationConsistencyRaceTest}); a test that purges sets the shortest retention first and
 * moves it a month, not a year.
 */
public final class MutableClock extends Clock {

    private static final Duration START_BEHIND = Duration.ofDays(8 * 365);

    private final AtomicReference<Duration> offset = new AtomicReference<>(START_BEHIND.negated());

    /** Moves time forward; never back. */
    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("The test clock only moves forward, not by " + step);
        }
        offset.accumulateAndGet(step, Duration::plus);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Atrium's clocks are UTC");
    }
}
