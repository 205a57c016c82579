package dev.atrium.admin.health;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import org.springframework.boot.health.contributor.HealthIndicator;

import dev.atrium.admin.config.AtriumAutoConfiguration;
import dev.atrium.admin.tenancy.TenantHealth;

/** The "tenants" health component, wherever Spring Boot's health support is on the class path (actuator). */
@AutoConfiguration(after = AtriumAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
class TenantsHealthAutoConfiguration {

    @Bean("tenants")
    TenantsHealthIndicator tenantsHealthIndicator(TenantHealth tenants) {
        return new TenantsHealthIndicator(tenants);
    }
}
