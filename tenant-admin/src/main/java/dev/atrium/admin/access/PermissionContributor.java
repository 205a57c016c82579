package dev.atrium.admin.access;

import java.util.List;

/**
 * Adds permissions to the catalog. Atrium contributes its own; the host application declares a bean of this type
 * for its features, and its permissions then appear in the role editor and can be checked with
 * {@link AccessControl#has}.
 */
public interface PermissionContributor {

    List<Permission> permissions();
}
