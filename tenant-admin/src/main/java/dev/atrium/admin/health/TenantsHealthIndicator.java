package dev.atrium.admin.health;

import java.util.Map;
import java.util.UUID;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

import dev.atrium.admin.tenancy.TenantHealth;

/**
 * "tenants": DEGRADED while any workspace is refused because its schema failed to migrate at start-up. The others
 * are served, so the application as a whole stays in service; details (for operators only) name only the
 * workspaces' ids.
 */
class TenantsHealthIndicator implements HealthIndicator {

    /** No description: anonymous callers see the status, and it should not tell them more than the word does. */
    static final Status DEGRADED = new Status("DEGRADED");

    private final TenantHealth tenants;

    TenantsHealthIndicator(TenantHealth tenants) {
        this.tenants = tenants;
    }

    @Override
    public Health health() {
        Map<UUID, TenantHealth.Failure> failures = tenants.failures();
        return (failures.isEmpty() ? Health.up() : Health.status(DEGRADED))
                .withDetail("refusedWorkspaces", failures.keySet())
                .build();
    }
}
