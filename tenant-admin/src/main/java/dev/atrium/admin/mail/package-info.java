/**
 * Atrium's e-mails: one way to write them (plain text and HTML with the same sentences) and hand them to the mail
 * server ({@link dev.atrium.admin.mail.AtriumMailer}), and the mark of the outbox events that carry them
 * ({@link dev.atrium.admin.mail.OutboxMail}). What each mail says belongs to its capability (invitations, join
 * requests, webhooks).
 */
@NullMarked
package dev.atrium.admin.mail;

import org.jspecify.annotations.NullMarked;
