package dev.atrium.admin.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.atrium.admin.config.AtriumProperties.Domains;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/** Re-checks every workspace's verified domains ({@link DomainService#recheck}); one workspace's failure stops no other. */
@Component
class DomainRecheckSchedule {

    private static final Logger log = LoggerFactory.getLogger(DomainRecheckSchedule.class);

    private final DomainService domains;
    private final TenantBinder binder;

    DomainRecheckSchedule(DomainService domains, TenantBinder binder) {
        this.domains = domains;
        this.binder = binder;
    }

    @Scheduled(cron = "${atrium.domains.recheck-cron:" + Domains.DEFAULT_RECHECK_CRON + "}")
    void recheckAll() {
        for (TenantScope workspace : binder.systemScopes()) {
            try {
                domains.recheck(workspace);
            } catch (RuntimeException e) {
                log.error("Domain re-check failed for workspace {}", workspace.slug(), e);
            }
        }
    }
}
