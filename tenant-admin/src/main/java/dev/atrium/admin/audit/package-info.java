/**
 * The workspace's audit log: every change's event recorded in the change's own transaction, in a chain of links keyed
 * with a key kept outside the database, checked against signed checkpoints published outside it; reading, filtering,
 * exporting, verifying and purging the log, and its page in {@code ui}.
 */
@NullMarked
package dev.atrium.admin.audit;

import org.jspecify.annotations.NullMarked;
