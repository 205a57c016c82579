/**
 * The members' Vaadin components: the members grid with its role and removal actions, and the leave button.
 */
@NullMarked
package dev.atrium.admin.member.ui;

import org.jspecify.annotations.NullMarked;
