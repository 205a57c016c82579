/**
 * Connects Vaadin's lazy grids to services' paged queries.
 */
@NullMarked
package dev.atrium.admin.paging.ui;

import org.jspecify.annotations.NullMarked;
