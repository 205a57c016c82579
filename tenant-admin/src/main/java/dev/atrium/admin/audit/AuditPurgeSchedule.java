package dev.atrium.admin.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.tenancy.TenantBinder;

/**
 * Every night each workspace drops the audit events older than its retention, and records that it did: one
 * transaction per workspace ({@link AuditLogService#purge}, called through its proxy), so one failure stops no other.
 * Once per cluster ({@link ClusterJob}), as is the hourly checkpoint of every workspace's chain, which is also due
 * once when a node starts.
 */
@Configuration(proxyBeanMethods = false)
class AuditPurgeSchedule {

    private final AuditLogService audit;
    private final TenantBinder binder;

    AuditPurgeSchedule(AuditLogService audit, TenantBinder binder) {
        this.audit = audit;
        this.binder = binder;
    }

    @Bean
    ClusterJob auditPurgeJob(AtriumProperties properties) {
        return ClusterJob.cron("audit-purge", properties.audit().purgeCron(), this::purgeAll);
    }

    @Bean
    ClusterJob auditCheckpointJob(AtriumProperties properties) {
        // Also soon after each start, so that the first checkpoint after an upgrade fixes the plain-hash boundary.
        return ClusterJob.cron("audit-checkpoint", properties.audit().checkpointCron(), audit::checkpointAll).alsoAtStart();
    }

    void purgeAll() {
        binder.forEachServed("Audit purge", audit::purge);
    }
}
