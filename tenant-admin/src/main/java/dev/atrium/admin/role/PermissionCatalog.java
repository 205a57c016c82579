package dev.atrium.admin.role;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

/** Every permission a role can hold: Atrium's and the host application's, grouped by area in declaration order. */
@Component
public class PermissionCatalog {

    private final Map<String, Permission> byKey = new LinkedHashMap<>();

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

    /** Areas in the order their first permission was declared, each with its permissions. */
    public Map<String, List<Permission>> byArea() {
        return byKey.values().stream().collect(Collectors.groupingBy(Permission::area, LinkedHashMap::new, Collectors.toList()));
    }
}
