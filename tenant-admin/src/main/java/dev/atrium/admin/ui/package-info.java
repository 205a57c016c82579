/**
 * What Atrium's Vaadin components share: notifications, confirmations, how values are formatted, and a drop-down
 * menu whose items are made when it opens.
 */
@NullMarked
package dev.atrium.admin.ui;

import org.jspecify.annotations.NullMarked;
