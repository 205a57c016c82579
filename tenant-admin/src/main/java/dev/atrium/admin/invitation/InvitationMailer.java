package dev.atrium.admin.invitation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Component;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.mail.AtriumMailer;
import dev.atrium.admin.mail.MailContent;
import dev.atrium.admin.text.DisplayText;

/**
 * Writes invitation e-mails and hands them to the mail server ({@link AtriumMailer}). It is called by the outbox after
 * the invitation committed ({@link InvitationMailOutbox}), which retries what the server refused. Without a
 * configured mail server, invitations still work through their copyable links. Mails are written in the sender's
 * language, from the bundles, as plain text and HTML (multipart/alternative) with the same sentences: who invited, to
 * which workspace, with which role, the link, and when it expires.
 */
@Component
class InvitationMailer {

    /** Longest name a mail repeats; the inviter's name comes from the identity provider, unchecked. */
    private static final int MAX_NAME_LENGTH = 100;

    private final AtriumMailer mailer;
    private final I18NProvider translations;

    InvitationMailer(AtriumMailer mailer, I18NProvider translations) {
        this.mailer = mailer;
        this.translations = translations;
    }

    /** An invitation e-mail, written in {@code language}; {@code inviterName} is null when the inviter is gone. */
    record InvitationMail(String to, @Nullable String inviterName, String workspaceName, String roleName, String link,
            OffsetDateTime expiresAt, Locale language) {
    }

    /** Whether a mail server is configured; without one, invitations are shared by their links only. */
    boolean isConfigured() {
        return mailer.isConfigured();
    }

    /**
     * Hands one invitation e-mail to the mail server.
     *
     * @throws MailException when the server cannot be reached or does not accept the mail
     */
    void send(InvitationMail invitation) {
        mailer.send(content(invitation, false));
    }

    /**
     * Hands one reminder of a pending invitation to the mail server: the invitation's own mail (same names, role and
     * expiry) with the reminder's subject and lead, and the invitation's current link. With an empty link (an
     * invitation made before links were kept) it points to the invitation mail's link, or a resend, instead.
     *
     * @throws MailException when the server cannot be reached or does not accept the mail
     */
    void sendReminder(InvitationMail invitation) {
        mailer.send(content(invitation, true));
    }

    private MailContent content(InvitationMail invitation, boolean reminder) {
        Locale language = invitation.language();
        // Names are chosen by people (the inviter's even by their identity provider): quoted, never links, and the
        // subject starts with Atrium, so that no name can pass the mail off as coming from elsewhere.
        String inviter = invitation.inviterName() == null ? text("invitation.email.someone", language)
                : DisplayText.unlinkable(invitation.inviterName(), MAX_NAME_LENGTH);
        String workspace = DisplayText.unlinkable(invitation.workspaceName(), MAX_NAME_LENGTH);
        String role = DisplayText.unlinkable(invitation.roleName(), MAX_NAME_LENGTH);
        DateTimeFormatter expiryPattern = DateTimeFormatter.ofPattern(text("invitation.email.expiry-pattern", language), language);
        String expiry = expiryPattern.format(invitation.expiresAt().withOffsetSameInstant(ZoneOffset.UTC));
        String greeting = text("invitation.email.greeting", language);
        String ignore = text("invitation.email.ignore", language);
        String names = text("invitation.email.names", language);
        MailContent.Action accept = invitation.link().isEmpty() ? null
                : new MailContent.Action(text("invitation.email.accept", language), invitation.link());
        if (reminder) {
            // Invitations made before tokens were kept sealed have no link to repeat: the reminder says how to accept.
            String how = accept == null ? text("invitation.email.reminder.how", language, inviter)
                    : text("invitation.email.reminder.same-link", language);
            return new MailContent(invitation.to(), text("invitation.email.reminder.subject", language, inviter, workspace),
                    language, greeting, text("invitation.email.reminder.intro", language, inviter, workspace, role, expiry), accept,
                    how + " " + ignore, names);
        }
        return new MailContent(invitation.to(), text("invitation.email.subject", language, inviter, workspace), language, greeting,
                text("invitation.email.intro", language, inviter, workspace, role), accept,
                text("invitation.email.expiry", language, expiry) + " " + ignore, names);
    }

    private String text(String key, Locale language, Object... args) {
        return translations.getTranslation(key, language, args);
    }
}
