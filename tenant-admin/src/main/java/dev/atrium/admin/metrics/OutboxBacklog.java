package dev.atrium.admin.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The outbox backlog as gauges, {@code atrium.outbox.backlog} tagged {@code outbox=mail} (event publications not
 * completed) and {@code outbox=webhooks} (webhook messages pending in every workspace). Counting webhooks visits every
 * workspace, so each value is counted at most once per {@link #REFRESH}, however often it is scraped.
 */
final class OutboxBacklog {

    static final Duration REFRESH = Duration.ofSeconds(15);

    private final OutboxBacklogRepository outbox;
    private final TenantBinder binder;
    private final TenantDsl tenantDsl;

    OutboxBacklog(OutboxBacklogRepository outbox, TenantBinder binder, TenantDsl tenantDsl, MeterRegistry registry) {
        this.outbox = outbox;
        this.binder = binder;
        this.tenantDsl = tenantDsl;
        register(registry, "mail", new Counted(this::mail));
        register(registry, "webhooks", new Counted(this::webhooks));
    }

    private static void register(MeterRegistry registry, String outbox, Counted counted) {
        Gauge.builder("atrium.outbox.backlog", counted, Counted::value).tag("outbox", outbox)
                .description("Messages the outbox has still to deliver").register(registry);
    }

    private long mail() {
        return outbox.mail();
    }

    private long webhooks() {
        long pending = 0;
        for (TenantScope workspace : binder.systemScopes()) {
            pending += outbox.webhooks(tenantDsl.of(workspace));
        }
        return pending;
    }

    /** A count refreshed at most once per {@link #REFRESH}. */
    private static final class Counted {

        private final LongSupplier count;
        private long value;
        private long countedAt;
        private boolean counted;

        Counted(LongSupplier count) {
            this.count = count;
        }

        synchronized double value() {
            long now = System.nanoTime();
            if (!counted || now - countedAt >= REFRESH.toNanos()) {
                value = count.getAsLong();
                countedAt = now;
                counted = true;
            }
            return value;
        }
    }
}
