/**
 * Role management: listing, creating, editing and deleting custom roles (nobody grants more than they hold; look-alike
 * names refused), with its Roles page components in {@code ui}. The permission check itself is in
 * {@code dev.atrium.admin.access}.
 */
@NullMarked
package dev.atrium.admin.role;

import org.jspecify.annotations.NullMarked;
