package dev.atrium.admin.api;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;

/**
 * Once per cluster every {@code atrium.api.idempotency-purge-interval}, each workspace (and the platform, for platform
 * keys) forgets the idempotency keys claimed longer ago than {@code atrium.api.idempotency-retention}: their stored
 * responses, and claims nobody came back for. One workspace's failure stops no other.
 */
final class IdempotencyPurge {

    static final String JOB = "api-idempotency-purge";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyPurge.class);

    private final IdempotencyRepository stored;
    private final TenantBinder binder;
    private final TenantDsl tenantDsl;
    private final Clock clock;
    private final Duration retention;

    IdempotencyPurge(IdempotencyRepository stored, TenantBinder binder, TenantDsl tenantDsl, Clock clock, AtriumProperties properties) {
        this.stored = stored;
        this.binder = binder;
        this.tenantDsl = tenantDsl;
        this.clock = clock;
        this.retention = properties.api().idempotencyRetention();
    }

    static ClusterJob job(IdempotencyPurge purge, AtriumProperties properties) {
        return ClusterJob.every(JOB, properties.api().idempotencyPurgeInterval(), purge::purgeAll);
    }

    void purgeAll() {
        OffsetDateTime cutoff = OffsetDateTime.now(clock).minus(retention);
        try {
            stored.purge(stored.platformStore(), cutoff);
        } catch (RuntimeException e) {
            log.error("Purging platform API keys' idempotency keys failed", e);
        }
        binder.forEachServed("Purging idempotency keys", workspace -> stored.purge(tenantDsl.of(workspace), cutoff));
    }
}
