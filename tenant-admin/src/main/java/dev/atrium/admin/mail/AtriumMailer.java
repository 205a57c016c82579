package dev.atrium.admin.mail;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import dev.atrium.admin.config.AtriumProperties;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Writes Atrium's e-mails as plain text and HTML (multipart/alternative) with the same sentences, and hands them to the
 * mail server through Spring Mail. Outbox listeners call it after their transaction committed. Without a configured
 * mail server ({@code spring.mail.host}) nothing is sent: invitations are shared by their links, and people see what
 * became of their join requests in Atrium.
 */
@Component
public class AtriumMailer {

    private static final Logger log = LoggerFactory.getLogger(AtriumMailer.class);

    private final JavaMailSender mail;
    private final String from;

    AtriumMailer(ObjectProvider<JavaMailSender> mail, AtriumProperties properties) {
        this.mail = mail.getIfAvailable();
        this.from = properties.mail().from();
        if (this.mail == null) {
            log.warn("No mail server is configured (spring.mail.host): Atrium sends no e-mails; "
                    + "inviters copy the invitation link instead.");
        }
    }

    /** Whether a mail server is configured. */
    public boolean isConfigured() {
        return mail != null;
    }

    /**
     * Hands one e-mail to the mail server.
     *
     * @throws RecipientRejectedException when the server refused the recipient's address for good
     * @throws MailException when the server cannot be reached or does not accept the mail
     * @throws IllegalStateException without a configured mail server
     */
    public void send(MailContent content) {
        if (mail == null) {
            throw new IllegalStateException("No mail server is configured");
        }
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(from);
            helper.setTo(content.to());
            helper.setSubject(content.subject());
            // The same mail twice, simplest first: a client shows the last part it can render (RFC 2046).
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(plain(content), "UTF-8", "plain");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(html(content), "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", plain, html));
            mail.send(message);
        } catch (MailSendException e) {
            throw rejectedRecipient(e)
                    .<MailException>map(rejected -> new RecipientRejectedException(rejected.getMessage(), e))
                    .orElse(e);
        } catch (MessagingException e) {
            throw new MailPreparationException("The e-mail could not be written", e);
        }
    }

    /**
     * {@link #send}, except that a mail whose address the server refused for good is logged and dropped: retrying it
     * cannot succeed. For notices nobody is shown the fate of.
     *
     * @throws MailException when the server cannot be reached or does not accept the mail for now
     */
    public void sendOrDropRejected(MailContent content) {
        try {
            send(content);
        } catch (RecipientRejectedException e) {
            log.warn("Dropped the e-mail \"{}\": the mail server refused its address for good: {}", content.subject(),
                    e.getMessage());
        }
    }

    /**
     * The server's permanent refusal of the recipient, if that is why the mail was not sent: Jakarta Mail lists an
     * address answered with 5xx as invalid (a 4xx answer leaves it valid but unsent), with the server's answer among the
     * exception's causes.
     */
    private static Optional<Throwable> rejectedRecipient(MailSendException e) {
        for (Exception failure : e.getMessageExceptions()) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof SendFailedException failed && failed.getInvalidAddresses() != null
                        && failed.getInvalidAddresses().length > 0) {
                    return Optional.of(NestedExceptionUtils.getMostSpecificCause(failed));
                }
            }
        }
        return Optional.empty();
    }

    private static String plain(MailContent content) {
        MailContent.Action action = content.action();
        String button = action == null ? "" : action.label() + ":\n" + action.link() + "\n\n";
        return content.greeting() + "\n\n" + content.intro() + "\n\n" + button + content.closing() + "\n" + content.footnote() + "\n";
    }

    /**
     * The same as the plain text, for mail clients that show HTML: styles inline and nothing loaded from elsewhere (many
     * clients block both style sheets and remote images), every text escaped, and the link also written out to copy.
     */
    private static String html(MailContent content) {
        MailContent.Action action = content.action();
        String button = "";
        if (action != null) {
            String href = escape(action.link());
            button = "<p style=\"margin:24px 0;\"><a href=\"" + href + "\" style=\"display:inline-block;padding:12px 20px;"
                    + "background:#1676f3;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;\">"
                    + escape(action.label()) + "</a></p>"
                    + "<p style=\"margin:0 0 16px;font-size:13px;color:#555555;word-break:break-all;\">" + href + "</p>";
        }
        return "<!DOCTYPE html><html lang=\"" + content.language().getLanguage() + "\"><head><meta charset=\"UTF-8\"></head>"
                + "<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;\">"
                + "<div style=\"max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px;\">"
                + paragraph(content.greeting()) + paragraph(content.intro()) + button + paragraph(content.closing())
                + "<p style=\"margin:16px 0 0;font-size:12px;color:#777777;\">" + escape(content.footnote()) + "</p>"
                + "</div></body></html>";
    }

    private static String paragraph(String text) {
        return "<p style=\"margin:0 0 16px;font-size:15px;line-height:1.5;\">" + escape(text) + "</p>";
    }

    /** Only what HTML needs escaped; the text itself stays UTF-8, as the part is. */
    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }
}
