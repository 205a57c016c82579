package dev.atrium.admin.mail;

import java.io.IOException;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** A received invitation e-mail read as a mail client shows it: its parts decoded (shared with the end-to-end tests). */
public final class MailText {

    private MailText() {
    }

    /** The invitation link of a mail, from its plain text. */
    public static String linkIn(MimeMessage mail) {
        return plainText(mail).lines().filter(line -> line.contains("/invite/")).findFirst().orElseThrow().strip();
    }

    /** A multipart/alternative mail's text/plain part, decoded. */
    public static String plainText(MimeMessage mail) {
        return part(mail, "text/plain");
    }

    /** A multipart/alternative mail's text/html part, decoded. */
    public static String html(MimeMessage mail) {
        return part(mail, "text/html");
    }

    private static String part(MimeMessage mail, String type) {
        try {
            if (!mail.isMimeType("multipart/alternative")) {
                throw new AssertionError("Not a multipart/alternative mail: " + mail.getContentType());
            }
            Multipart parts = (Multipart) mail.getContent();
            for (int i = 0; i < parts.getCount(); i++) {
                if (parts.getBodyPart(i).isMimeType(type)) {
                    return (String) parts.getBodyPart(i).getContent();
                }
            }
            throw new AssertionError("No " + type + " part in " + mail.getContentType());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
