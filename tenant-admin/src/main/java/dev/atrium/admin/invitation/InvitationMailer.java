package dev.atrium.admin.invitation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.text.DisplayText;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Writes invitation e-mails and hands them to the mail server through Spring Mail. It is called by the outbox after
 * the invitation committed ({@link InvitationMailOutbox}), which retries what the server refused. Without a
 * configured mail server, invitations still work through their copyable links. Mails are written in the sender's
 * language, from the bundles, as plain text and HTML (multipart/alternative) with the same sentences: who invited, to
 * which workspace, with which role, the link, and when it expires.
 */
@Component
class InvitationMailer {

    private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);

    /** Longest name a mail repeats; the inviter's name comes from the identity provider, unchecked. */
    private static final int MAX_NAME_LENGTH = 100;

    private final JavaMailSender mail;
    private final I18NProvider translations;
    private final String from;

    InvitationMailer(ObjectProvider<JavaMailSender> mail, I18NProvider translations, AtriumProperties properties) {
        this.mail = mail.getIfAvailable();
        this.translations = translations;
        this.from = properties.mail().from();
        if (this.mail == null) {
            log.warn("No mail server is configured (spring.mail.host): invitation e-mails are not sent; "
                    + "inviters copy the invitation link instead.");
        }
    }

    /** An invitation e-mail, written in {@code language}; {@code inviterName} is null when the inviter is gone. */
    record InvitationMail(String to, @Nullable String inviterName, String workspaceName, String roleName, String link,
            OffsetDateTime expiresAt, Locale language) {
    }

    /** Whether a mail server is configured; without one, invitations are shared by their links only. */
    boolean isConfigured() {
        return mail != null;
    }

    /**
     * Hands one invitation e-mail to the mail server.
     *
     * @throws MailException when the server cannot be reached or does not accept the mail
     */
    void send(InvitationMail invitation) {
        if (mail == null) {
            throw new IllegalStateException("No mail server is configured");
        }
        mail.send(message(invitation, false));
    }

    /**
     * Hands one reminder of a pending invitation to the mail server: the invitation's own mail (same names, role and
     * expiry) with the reminder's subject and lead, and the invitation's current link. With an empty link (an
     * invitation made before links were kept) it points to the invitation mail's link, or a resend, instead.
     *
     * @throws MailException when the server cannot be reached or does not accept the mail
     */
    void sendReminder(InvitationMail invitation) {
        if (mail == null) {
            throw new IllegalStateException("No mail server is configured");
        }
        mail.send(message(invitation, true));
    }

    private MimeMessage message(InvitationMail invitation, boolean reminder) {
        Locale language = invitation.language();
        // Names are chosen by people (the inviter's even by their identity provider): quoted, never links, and the
        // subject starts with Atrium, so that no name can pass the mail off as coming from elsewhere.
        String inviter = invitation.inviterName() == null ? text("invitation.email.someone", language)
                : DisplayText.unlinkable(invitation.inviterName(), MAX_NAME_LENGTH);
        String workspace = DisplayText.unlinkable(invitation.workspaceName(), MAX_NAME_LENGTH);
        String role = DisplayText.unlinkable(invitation.roleName(), MAX_NAME_LENGTH);
        DateTimeFormatter expiryPattern = DateTimeFormatter.ofPattern(text("invitation.email.expiry-pattern", language), language);
        String expiry = expiryPattern.format(invitation.expiresAt().withOffsetSameInstant(ZoneOffset.UTC));
        boolean linked = !invitation.link().isEmpty();
        Texts texts = reminder
                ? new Texts(text("invitation.email.greeting", language),
                        text("invitation.email.reminder.intro", language, inviter, workspace, role, expiry),
                        linked ? text("invitation.email.accept", language) : null,
                        linked ? text("invitation.email.reminder.same-link", language)
                                : text("invitation.email.reminder.how", language, inviter),
                        text("invitation.email.ignore", language),
                        text("invitation.email.names", language))
                : new Texts(text("invitation.email.greeting", language),
                        text("invitation.email.intro", language, inviter, workspace, role),
                        text("invitation.email.accept", language),
                        text("invitation.email.expiry", language, expiry),
                        text("invitation.email.ignore", language),
                        text("invitation.email.names", language));
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(from);
            helper.setTo(invitation.to());
            helper.setSubject(text(reminder ? "invitation.email.reminder.subject" : "invitation.email.subject", language, inviter,
                    workspace));
            // The same mail twice, simplest first: a client shows the last part it can render (RFC 2046).
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(plain(texts, invitation.link()), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(html(texts, invitation.link(), language), "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", plain, html));
            return message;
        } catch (MessagingException e) {
            throw new MailPreparationException("The invitation e-mail could not be written", e);
        }
    }

    /**
     * The sentences of an invitation e-mail, in its language, with the names already made unlinkable. A reminder
     * without a link has no {@code accept} button and says in {@code expiry} how to accept instead.
     */
    private record Texts(String greeting, String intro, @Nullable String accept, String expiry, String ignore, String names) {
    }

    private static String plain(Texts texts, String link) {
        String action = texts.accept() == null ? "" : texts.accept() + ":\n" + link + "\n\n";
        return texts.greeting() + "\n\n" + texts.intro() + "\n\n" + action + texts.expiry() + " " + texts.ignore() + "\n"
                + texts.names() + "\n";
    }

    /**
     * The same as the plain text, for mail clients that show HTML: styles inline and nothing loaded from elsewhere (many
     * clients block both style sheets and remote images), every text escaped, and the link also written out to copy.
     */
    private static String html(Texts texts, String link, Locale language) {
        String href = escape(link);
        return "<!DOCTYPE html><html lang=\"" + language.getLanguage() + "\"><head><meta charset=\"UTF-8\"></head>"
                + "<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;\">"
                + "<div style=\"max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px;\">"
                + paragraph(texts.greeting()) + paragraph(texts.intro())
                + (texts.accept() == null ? "" : "<p style=\"margin:24px 0;\"><a href=\"" + href
                        + "\" style=\"display:inline-block;padding:12px 20px;"
                        + "background:#1676f3;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;\">"
                        + escape(texts.accept()) + "</a></p>"
                        + "<p style=\"margin:0 0 16px;font-size:13px;color:#555555;word-break:break-all;\">" + href + "</p>")
                + paragraph(texts.expiry() + " " + texts.ignore())
                + "<p style=\"margin:16px 0 0;font-size:12px;color:#777777;\">" + escape(texts.names()) + "</p>"
                + "</div></body></html>";
    }

    private static String paragraph(String text) {
        return "<p style=\"margin:0 0 16px;font-size:15px;line-height:1.5;\">" + escape(text) + "</p>";
    }

    /** Only what HTML needs escaped; the text itself stays UTF-8, as the part is. */
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private String text(String key, Locale language, Object... args) {
        return translations.getTranslation(key, language, args);
    }
}
