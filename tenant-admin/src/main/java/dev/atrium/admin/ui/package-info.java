/**
 * What Atrium's Vaadin components share: notifications, confirmations, how values are formatted, a drop-down menu
 * whose items are made when it opens, and a select whose options the browser makes.
 */
@NullMarked
package dev.atrium.admin.ui;

import org.jspecify.annotations.NullMarked;
