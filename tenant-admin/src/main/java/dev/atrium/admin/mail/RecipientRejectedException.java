package dev.atrium.admin.mail;

import org.springframework.mail.MailSendException;

/**
 * The mail server refused the recipient's address for good (an SMTP 5xx answer to {@code RCPT TO}, e.g. "550 no such
 * user"): sending the same e-mail again cannot succeed, unlike a server that is away or answers 4xx.
 */
public class RecipientRejectedException extends MailSendException {

    RecipientRejectedException(String serverAnswer, Throwable cause) {
        super(serverAnswer, cause);
    }
}
