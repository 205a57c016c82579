/**
 * The roles' Vaadin components: the roles grid and the role editor with the permission catalog by area.
 */
@NullMarked
package dev.atrium.admin.role.ui;

import org.jspecify.annotations.NullMarked;
