/**
 * Workspaces: creating one (its schema, Owner and membership in one step), listing and switching the signed-in
 * account's workspaces, renaming, and the rules for workspace names.
 */
@NullMarked
package dev.atrium.admin.workspace;

import org.jspecify.annotations.NullMarked;
