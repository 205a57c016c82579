package dev.atrium.admin.access;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The roles every workspace has. They nest — whatever a Guest may, a Member may; whatever a Member may, an Admin
 * may; an Owner may everything — so an Admin can always hand out Member and Guest. Their permissions come from the
 * catalog, so they follow it (and the host application's permissions) when it grows.
 */
public final class BuiltInRoles {

    public static final String OWNER = "owner";
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";
    public static final String GUEST = "guest";

    /**
     * Permissions only the Owner role has: no custom role can be given them. Ownership is handed on by an Owner
     * making another member Owner, never delegated to a role that is not Owner.
     */
    private static final Set<String> OWNER_ONLY = Set.of(Permissions.WORKSPACE_TRANSFER_OWNERSHIP);

    /** Weakest first. */
    private static final List<String> NESTING = List.of(GUEST, MEMBER, ADMIN, OWNER);

    private BuiltInRoles() {
    }

    /** Whether a custom role may hold the permission. */
    public static boolean grantable(String permission) {
        return !OWNER_ONLY.contains(permission);
    }

    /** The permissions whose catalog entry names this role or a weaker one; all of them for Owner. */
    static Set<String> permissions(String roleKey, PermissionCatalog catalog) {
        int rank = NESTING.indexOf(roleKey);
        return catalog.all().stream()
                .filter(p -> OWNER.equals(roleKey) || p.builtInRoles().stream().mapToInt(NESTING::indexOf).anyMatch(r -> r >= 0 && r <= rank))
                .map(Permission::key)
                .collect(Collectors.toUnmodifiableSet());
    }
}
