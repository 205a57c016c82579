package dev.atrium.admin;

import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP server on a free port that refuses every recipient for good ({@code 553 <address> address unknown.}),
 * as a mail server answers an address with no mailbox. GreenMail accepts every address. Closing it points the sender
 * back at the test mail sink.
 */
public final class RefusingMailServer implements AutoCloseable {

    private final SMTPServer server;
    private final JavaMailSenderImpl sender;
    private final int previousPort;
    private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();

    private RefusingMailServer(JavaMailSenderImpl sender) {
        this.sender = sender;
        this.previousPort = sender.getPort();
        this.server = SMTPServer.port(0).simpleMessageListener(new SimpleMessageListener() {
            @Override
            public boolean accept(String from, String recipient) {
                refusals.computeIfAbsent(recipient.toLowerCase(Locale.ROOT), r -> new AtomicInteger()).incrementAndGet();
                return false;
            }

            @Override
            public void deliver(String from, String recipient, InputStream data) {
                throw new AssertionError("A refused recipient got a mail");
            }
        }).build();
    }

    /** Starts one and points the sender at it. */
    public static RefusingMailServer startFor(JavaMailSenderImpl sender) {
        RefusingMailServer refusing = new RefusingMailServer(sender);
        refusing.server.start();
        sender.setPort(refusing.server.getPortAllocated());
        return refusing;
    }

    /** How often the address was offered to this server, and refused. */
    public int refusals(String address) {
        AtomicInteger count = refusals.get(address.toLowerCase(Locale.ROOT));
        return count == null ? 0 : count.get();
    }

    @Override
    public void close() {
        sender.setPort(previousPort);
        server.stop();
    }
}
