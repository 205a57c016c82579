/**
 * The workspaces' Vaadin components: the switcher in the header (which also offers the workspaces colleagues use), the
 * create dialog and the rename form.
 */
@NullMarked
package dev.atrium.admin.workspace.ui;

import org.jspecify.annotations.NullMarked;
