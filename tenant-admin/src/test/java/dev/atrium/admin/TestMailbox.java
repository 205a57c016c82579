package dev.atrium.admin;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;

import org.springframework.stereotype.Component;

import com.icegreen.greenmail.util.GreenMail;

import dev.atrium.admin.mail.MailText;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** The test SMTP server's mail, read as a recipient would; mails leave through the outbox, after their commit. */
@Component
public class TestMailbox {

    /** Long enough for a mail queued behind a hundred others on a busy machine; a test that passes waits less. */
    private static final Duration DELIVERY = Duration.ofSeconds(60);

    private final GreenMail sink;

    TestMailbox(GreenMail sink) {
        this.sink = sink;
    }

    /** The mails delivered to the address so far, oldest first. */
    public MimeMessage[] to(String address) {
        return Arrays.stream(sink.getReceivedMessages()).filter(mail -> recipient(mail).equalsIgnoreCase(address))
                .toArray(MimeMessage[]::new);
    }

    /** Waits until {@code count} mails reached the address, and checks no more did. */
    public MimeMessage[] awaitTo(String address, int count) {
        await().atMost(DELIVERY).until(() -> to(address).length >= count);
        MimeMessage[] mails = to(address);
        if (mails.length != count) {
            throw new AssertionError(mails.length + " mails reached " + address + ", not " + count);
        }
        return mails;
    }

    /** Waits for the first mail to the address. */
    public MimeMessage awaitOneTo(String address) {
        return awaitTo(address, 1)[0];
    }

    /** The invitation link in the latest mail to the address. */
    public String lastLinkTo(String address) {
        MimeMessage[] mails = to(address);
        if (mails.length == 0) {
            throw new AssertionError("No mail reached " + address);
        }
        return MailText.linkIn(mails[mails.length - 1]);
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
