package dev.atrium.admin.invitation;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Writes invitation e-mails and hands them to the mail server through Spring Mail. It is called by the outbox after
 * the invitation committed ({@link InvitationMailOutbox}), which retries what the server refused. Without a
 * configured mail server, invitations still work through their copyable links.
 */
@Component
class InvitationMailer {

    private static final Logger log = LoggerFactory.getLogger(InvitationMailer.class);
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    private final JavaMailSender mail;
    private final String from;

    InvitationMailer(ObjectProvider<JavaMailSender> mail,
            @Value("${atrium.mail.from:Atrium <no-reply@atrium.localhost>}") String from) {
        this.mail = mail.getIfAvailable();
        this.from = from;
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
        message.setSubject(invitation.inviterName() + " invited you to " + invitation.workspaceName() + " on Atrium");
        message.setText("""
                Hello,

                %s invited you to join the workspace "%s" on Atrium as %s.

                Accept the invitation:
                %s

                The link works once and expires on %s. If you did not expect this invitation, ignore this e-mail.
                """.formatted(invitation.inviterName(), invitation.workspaceName(), invitation.roleName(),
                invitation.link(), EXPIRY.format(invitation.expiresAt().withOffsetSameInstant(ZoneOffset.UTC))));
        return message;
    }
}
