package dev.atrium.admin.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Interner;

/** Every permission a role can hold: Atrium's and the host application's, grouped by area in declaration order. */
@Component
public class PermissionCatalog {

    private final Map<String, Permission> byKey = new LinkedHashMap<>();
    /**
     * One instance of each role as it now is, for every session's pickers and filters and every cached permission check:
     * no per-session copies. Weak, and by value, so a changed role is simply another instance and an unused one goes.
     */
    private final Interner<RoleSummary> roles = Interner.newWeakInterner();

    PermissionCatalog(List<PermissionContributor> contributors) {
        for (PermissionContributor contributor : contributors) {
            for (Permission permission : contributor.permissions()) {
                if (byKey.putIfAbsent(permission.key(), permission) != null) {
                    throw new IllegalStateException("The permission " + permission.key() + " is declared twice");
                }
            }
        }
    }

    public List<Permission> all() {
        return List.copyOf(byKey.values());
    }

    public Optional<Permission> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    /** A role as stored in a workspace: a built-in role's permissions come from this catalog, a custom role's are stored. */
    public RoleSummary role(UUID id, String key, String name, String description, boolean builtIn, String[] storedPermissions) {
        return roles.intern(new RoleSummary(id, key, name, description, builtIn,
                builtIn ? BuiltInRoles.permissions(key, this) : Set.of(storedPermissions)));
    }

    /** Areas in the order their first permission was declared, each with its permissions. */
    public Map<String, List<Permission>> byArea() {
        return byKey.values().stream().collect(Collectors.groupingBy(Permission::area, LinkedHashMap::new, Collectors.toList()));
    }
}
