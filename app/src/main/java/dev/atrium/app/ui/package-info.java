/**
 * The application's pages and layouts: routes, the workspace layout with its navigation, and the views that place
 * the library's components.
 */
@NullMarked
package dev.atrium.app.ui;

import org.jspecify.annotations.NullMarked;
