package dev.atrium.admin.domain;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.tenancy.TenantBinder;

/** Re-checks every workspace's verified domains ({@link DomainService#recheck}); one workspace's failure stops no
 * other; once per cluster ({@link ClusterJob}). */
@Configuration(proxyBeanMethods = false)
class DomainRecheckSchedule {

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
        binder.forEachServed("Domain re-check", domains::recheck);
    }
}
