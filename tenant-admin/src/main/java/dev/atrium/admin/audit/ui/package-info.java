/**
 * The audit log's Vaadin components: the filterable, keyset-paged log with its export and "Verify integrity", an
 * event's details, and the retention setting.
 */
@NullMarked
package dev.atrium.admin.audit.ui;

import org.jspecify.annotations.NullMarked;
