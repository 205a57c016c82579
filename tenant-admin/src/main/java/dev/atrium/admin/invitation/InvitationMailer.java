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
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.text.DisplayText;

/**
 * Writes invitation e-mails and hands them to the mail server through Spring Mail. It is called by the outbox after
 * the invitation committed ({@link InvitationMailOutbox}), which retries what the server refused. Without a
 * configured mail server, invitations still work through their copyable links. Mails are written in the sender's
 * language, from the bundles.
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
        mail.send(message(invitation, "invitation.email"));
    }

    /**
     * Hands one reminder of a pending invitation to the mail server: the invitation's own mail (same names, role and
     * expiry) with the reminder's subject and lead, without a link: the token is stored only hashed, so the reminder
     * points to the invitation mail's link (or a resend) instead.
     *
     * @throws MailException when the server cannot be reached or does not accept the mail
     */
    void sendReminder(InvitationMail invitation) {
        if (mail == null) {
            throw new IllegalStateException("No mail server is configured");
        }
        mail.send(message(invitation, "invitation.email.reminder"));
    }

    /** The mail of the bundle keys {@code <keys>.subject} and {@code <keys>.body}, with the invitation's names. */
    private SimpleMailMessage message(InvitationMail invitation, String keys) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(invitation.to());
        // Names are chosen by people (the inviter's even by their identity provider): quoted, never links, and the
        // subject starts with Atrium, so that no name can pass the mail off as coming from elsewhere.
        Locale language = invitation.language();
        String inviter = invitation.inviterName() == null ? translations.getTranslation("invitation.email.someone", language)
                : DisplayText.unlinkable(invitation.inviterName(), MAX_NAME_LENGTH);
        String workspace = DisplayText.unlinkable(invitation.workspaceName(), MAX_NAME_LENGTH);
        DateTimeFormatter expiry = DateTimeFormatter.ofPattern(translations.getTranslation("invitation.email.expiry-pattern", language),
                language);
        message.setSubject(translations.getTranslation(keys + ".subject", language, inviter, workspace));
        message.setText(translations.getTranslation(keys + ".body", language, inviter, workspace,
                DisplayText.unlinkable(invitation.roleName(), MAX_NAME_LENGTH), invitation.link(),
                expiry.format(invitation.expiresAt().withOffsetSameInstant(ZoneOffset.UTC))));
        return message;
    }
}
