package dev.atrium.admin.access;

import java.util.Set;
import java.util.UUID;

/** A role as pickers and grids show it. */
public record RoleSummary(UUID id, String key, String name, String description, boolean builtIn, Set<String> permissions) {

    public boolean isOwner() {
        return BuiltInRoles.OWNER.equals(key);
    }

    /**
     * Whether this role can do strictly more than the other: Owner is above every other role; otherwise this role
     * holds every permission of the other and at least one more. Two roles that each hold a permission the other
     * lacks are not comparable: neither is stronger.
     */
    public boolean isStrongerThan(RoleSummary other) {
        if (isOwner() || other.isOwner()) {
            return isOwner() && !other.isOwner();
        }
        return permissions.containsAll(other.permissions) && !other.permissions.containsAll(permissions);
    }
}
