/**
 * Health contributions: which workspaces are refused because their schema failed to migrate (details for
 * operators only).
 */
@NullMarked
package dev.atrium.admin.health;

import org.jspecify.annotations.NullMarked;
