/**
 * What Atrium's Vaadin components share: notifications, confirmations and how values are formatted.
 */
@NullMarked
package dev.atrium.admin.ui;

import org.jspecify.annotations.NullMarked;
