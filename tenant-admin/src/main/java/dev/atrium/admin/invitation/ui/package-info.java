/**
 * The invitations' Vaadin components: the invite dialog, the dialog showing the links, the invitations grid and
 * the expiry setting.
 */
@NullMarked
package dev.atrium.admin.invitation.ui;

import org.jspecify.annotations.NullMarked;
