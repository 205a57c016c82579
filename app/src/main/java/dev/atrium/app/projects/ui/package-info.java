/**
 * The Projects page's components: the lazy grid and the name dialog. They only call {@code ProjectService}, which
 * decides; they never touch generated jOOQ classes.
 */
package dev.atrium.app.projects.ui;
