package dev.atrium.admin.access;

import java.util.Set;

/**
 * One thing a role can allow. {@code builtInRoles} names the built-in roles that hold it; they nest (see
 * {@link BuiltInRoles}), so naming the weakest is enough. Owner holds every permission.
 */
public record Permission(String key, String area, String name, String description, Set<String> builtInRoles) {

    public Permission {
        if (key == null || !key.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+")) {
            throw new IllegalArgumentException("A permission key is dotted lower-case words, e.g. reports.view: " + key);
        }
        builtInRoles = Set.copyOf(builtInRoles);
    }
}
