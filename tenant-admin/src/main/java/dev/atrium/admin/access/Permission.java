package dev.atrium.admin.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import dev.atrium.admin.refusal.Reason;

/**
 * One thing a role can allow. The catalog carries keys only: what a person reads comes from the message bundles,
 * {@code permission.<key>.name} and {@code permission.<key>.description} for the permission and
 * {@code permission.area.<area>} for its area (Atrium's in Atrium's bundle, a host's in the host's).
 * {@code builtInRoles} names the built-in roles that hold it; they nest (see {@link BuiltInRoles}), so naming the
 * weakest is enough. Owner holds every permission.
 */
public record Permission(String key, String area, Set<String> builtInRoles) {

    private static final String PREFIX = "permission.";

    public Permission {
        if (key == null || !key.matches("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+")) {
            throw new IllegalArgumentException("A permission key is dotted lower-case words, e.g. reports.view: " + key);
        }
        if (area == null || !area.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("An area key is a lower-case word, e.g. reports: " + area);
        }
        builtInRoles = Set.copyOf(builtInRoles);
    }

    /** The message key of the permission's name, e.g. {@code permission.members.view.name}. */
    public String nameKey() {
        return nameKey(key);
    }

    /** The message key of the name of the permission with this key. */
    public static String nameKey(String permissionKey) {
        return PREFIX + permissionKey + ".name";
    }

    /** The permissions' names, as a refusal's argument. */
    public static Reason.Texts names(Collection<String> permissionKeys) {
        return Reason.Texts.of(permissionKeys.stream().map(Permission::nameKey).toList());
    }

    /** The message key of what the permission allows, e.g. {@code permission.members.view.description}. */
    public String descriptionKey() {
        return PREFIX + key + ".description";
    }

    /** The message key of the permission's area. */
    public String areaKey() {
        return areaKey(area);
    }

    /** Every message key the role editor shows for this permission: a bundle that lacks one shows {@code !key!}. */
    public List<String> textKeys() {
        return List.of(nameKey(), descriptionKey(), areaKey());
    }

    /** The message key of an area's name, e.g. {@code permission.area.members}. */
    public static String areaKey(String area) {
        return PREFIX + "area." + area;
    }
}
