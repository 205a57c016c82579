/**
 * The permission check every service makes: the catalog of permissions (Atrium's and those a host application
 * contributes through {@link dev.atrium.admin.access.PermissionContributor} beans), the built-in roles that take
 * theirs from it, and {@link dev.atrium.admin.access.AccessControl}, which knows the acting member's role (cached per
 * workspace and account) and refuses with a {@link dev.atrium.admin.access.PermissionDeniedException}. It depends only
 * on tenancy, so every capability (roles and the audit log included) can use it.
 */
@NullMarked
package dev.atrium.admin.access;

import org.jspecify.annotations.NullMarked;
