package dev.atrium.admin.metrics;

import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import dev.atrium.admin.audit.AuditSubscriber;
import dev.atrium.admin.config.AtriumAutoConfiguration;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;

/**
 * Atrium's meters, in the application's {@link MeterRegistry} (Spring Boot's actuator makes one; without it they go
 * to Micrometer's global registry, which exports nothing unless a registry is added to it).
 */
@AutoConfiguration(after = AtriumAutoConfiguration.class)
class MetricsAutoConfiguration {

    @Bean
    AuditSubscriber invitationMeters(ObjectProvider<MeterRegistry> registry) {
        return new InvitationMeters(registry(registry));
    }

    @Bean
    OutboxBacklog outboxBacklog(DSLContext platform, TenantBinder binder, TenantDsl tenantDsl, ObjectProvider<MeterRegistry> registry) {
        return new OutboxBacklog(new OutboxBacklogRepository(platform), binder, tenantDsl, registry(registry));
    }

    static MeterRegistry registry(ObjectProvider<MeterRegistry> registry) {
        return registry.getIfAvailable(() -> Metrics.globalRegistry);
    }
}
