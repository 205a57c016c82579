package dev.atrium.admin.workspace;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.tenancy.TenantProvisioner;

/**
 * Keeps the pool of spare workspace schemas that creating a workspace claims full ({@link TenantProvisioner#refillSpares()}):
 * once per cluster, every {@code atrium.tenants.spare-refill-interval} and soon after a node starts, so that after a
 * release the spares made at the old version are replaced at once. With {@code atrium.tenants.spare-schemas=0} it never
 * runs.
 */
@Configuration(proxyBeanMethods = false)
class SpareSchemaSchedule {

    /** The job's name, for {@code ClusterJobs.runNow}. */
    static final String JOB = "spare-schema-refill";

    @Bean
    ClusterJob spareSchemaRefillJob(TenantProvisioner provisioner, AtriumProperties properties) {
        Runnable refill = provisioner::refillSpares;
        return properties.tenants().spareSchemas() == 0
                ? ClusterJob.cron(JOB, "-", refill)
                : ClusterJob.every(JOB, properties.tenants().spareRefillInterval(), refill).alsoAtStart();
    }
}
