package dev.atrium.admin.mail;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One of Atrium's e-mails, its sentences already in the recipient's language and with the names people chose made
 * unlinkable: a greeting, what happened, an optional button (and its link written out), a closing paragraph and a
 * small footnote.
 */
public record MailContent(String to, String subject, Locale language, String greeting, String intro, @Nullable Action action,
        String closing, String footnote) {

    /** The mail's one button: its label and where it leads. */
    public record Action(String label, String link) {
    }
}
