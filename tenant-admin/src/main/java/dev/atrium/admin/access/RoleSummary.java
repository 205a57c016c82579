package dev.atrium.admin.access;

import java.util.Set;
import java.util.UUID;

/** A role as pickers and grids show it. */
public record RoleSummary(UUID id, String key, String name, String description, boolean builtIn, Set<String> permissions) {

    public boolean isOwner() {
        return BuiltInRoles.OWNER.equals(key);
    }
}
