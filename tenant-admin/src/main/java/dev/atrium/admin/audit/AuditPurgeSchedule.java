package dev.atrium.admin.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.atrium.admin.config.AtriumProperties.Audit;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Every night each workspace drops the audit events older than its retention, and records that it did: one
 * transaction per workspace ({@link AuditLogService#purge}, called through its proxy), so one failure stops no other.
 */
@Component
class AuditPurgeSchedule {

    private static final Logger log = LoggerFactory.getLogger(AuditPurgeSchedule.class);

    private final AuditLogService audit;
    private final TenantBinder binder;

    AuditPurgeSchedule(AuditLogService audit, TenantBinder binder) {
        this.audit = audit;
        this.binder = binder;
    }

    @Scheduled(cron = "${atrium.audit.purge-cron:" + Audit.DEFAULT_PURGE_CRON + "}")
    void purgeAll() {
        for (TenantScope workspace : binder.systemScopes()) {
            try {
                audit.purge(workspace);
            } catch (RuntimeException e) {
                log.error("Audit purge failed for workspace {}", workspace.slug(), e);
            }
        }
    }
}
