package dev.atrium.admin.domain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/** Re-checks every workspace's verified domains ({@link DomainService#recheck}); one workspace's failure stops no
 * other; once per cluster ({@link ClusterJob}). */
@Configuration(proxyBeanMethods = false)
class DomainRecheckSchedule {

    private static final Logger log = LoggerFactory.getLogger(DomainRecheckSchedule.class);

    private final DomainService domains;
    private final TenantBinder binder;

    DomainRecheckSchedule(DomainService domains, TenantBinder binder) {
        this.domains = domains;
        this.binder = binder;
    }

    @Bean
    ClusterJob domainRecheckJob(AtriumProperties properties) {
        return ClusterJob.cron("domain-recheck", properties.domains().recheckCron(), this::recheckAll);
    }

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
