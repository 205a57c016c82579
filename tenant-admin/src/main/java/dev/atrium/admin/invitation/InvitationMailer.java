package dev.atrium.admin.invitation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.text.DisplayText;

/**
 * Writes invitation e-mails and hands them to the mail server through Spring Mail. It is called by the outbox after
 * the invitation committed ({@link InvitationMailOutbox}), which retries what the server refused. Without a
 * configured mail server, invitations still work through their copyable links.
 */
@Component
class InvitationMailer {

    private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    /** Longest name a mail repeats; the inviter's name comes from the identity provider, unchecked. */
    private static final int MAX_NAME_LENGTH = 100;

    private final JavaMailSender mail;
    private final String from;

    InvitationMailer(ObjectProvider<JavaMailSender> mail, AtriumProperties properties) {
        this.mail = mail.getIfAvailable();
        this.from = properties.mail().from();
        if (this.mail == null) {
            log.warn("No mail server is configured (spring.mail.host): invitation e-mails are not sent; "
                    + "inviters copy the invitation link instead.");
        }
    }

    record InvitationMail(String to, String inviterName, String workspaceName, String roleName, String link,
            OffsetDateTime expiresAt) {
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
        mail.send(message(invitation));
    }

    private SimpleMailMessage message(InvitationMail invitation) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(invitation.to());
        // Names are chosen by people (the inviter's even by their identity provider): quoted, never links, and the
        // subject starts with Atrium, so that no name can pass the mail off as coming from elsewhere.
        String inviter = DisplayText.unlinkable(invitation.inviterName(), MAX_NAME_LENGTH);
        String workspace = DisplayText.unlinkable(invitation.workspaceName(), MAX_NAME_LENGTH);
        message.setSubject("Atrium: " + inviter + " invited you to the workspace \"" + workspace + "\"");
        message.setText("""
                Hello,

                %s invited you to join the workspace "%s" on Atrium as %s.

                Accept the invitation:
                %s

                The link works once and expires on %s. If you did not expect this invitation, ignore this e-mail.
                The names in this e-mail were chosen by the workspace's members, not by Atrium.
                """.formatted(inviter, workspace, DisplayText.unlinkable(invitation.roleName(), MAX_NAME_LENGTH),
                invitation.link(), EXPIRY.format(invitation.expiresAt().withOffsetSameInstant(ZoneOffset.UTC))));
        return message;
    }
}
