package dev.atrium.admin.tenancy;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/** Workspaces whose schema failed to migrate at start-up: refused rather than served stale. */
@Component
public class TenantHealth {

    /** A workspace that is not served, and why. */
    public record Failure(UUID workspaceId, String slug, String reason) {
    }

    private final Map<UUID, Failure> failures = new ConcurrentHashMap<>();

    public boolean isServed(UUID workspaceId) {
        return !failures.containsKey(workspaceId);
    }

    public Map<UUID, Failure> failures() {
        return Map.copyOf(failures);
    }

    void markFailed(Failure failure) {
        failures.put(failure.workspaceId(), failure);
    }

    void markServed(UUID workspaceId) {
        failures.remove(workspaceId);
    }
}
