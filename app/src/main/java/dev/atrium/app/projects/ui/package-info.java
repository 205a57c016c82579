/**
 * The Projects page (a WorkspacePage in Atrium's layout), its card on the workspace home, the lazy grid and the name
 * dialog. They only call {@code ProjectService}, which decides; they never touch generated jOOQ classes.
 */
@NullMarked
package dev.atrium.app.projects.ui;

import org.jspecify.annotations.NullMarked;
