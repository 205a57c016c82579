package dev.atrium.admin.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.outbound.Drip;

/**
 * A receiver that answers slowly, a byte now and then so that no read times out, does not hold the sender beyond the
 * attempt's deadline (connect plus response timeout); and its body is never read, only its status.
 */
class WebhookSenderTest {

    /** Well beyond the deadline below (3 s): a guard, so that a hanging sender fails the test instead of the build. */
    private static final Duration GUARD = Duration.ofSeconds(30);

    private final CountDownLatch stopDripping = new CountDownLatch(1);
    private final ExecutorService receivers = Executors.newCachedThreadPool();
    private final WebhookSender sender = new WebhookSender(SystemDefaultDnsResolver.INSTANCE, new AtriumProperties.Webhooks(true,
            Duration.ofSeconds(30), Duration.ofHours(1), Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(10)));

    @AfterEach
    void stop() throws IOException {
        stopDripping.countDown();
        receivers.shutdownNow();
        sender.destroy();
    }

    @Test
    void aStatusLineAndHeadersDrippedForEverAreAFailedAttemptThatEndsAtTheDeadline() throws IOException {
        ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        receivers.submit(() -> {
            try (listening; Socket connection = listening.accept()) {
                OutputStream out = connection.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nX-Drip: ".getBytes(StandardCharsets.US_ASCII));
                Drip.until(stopDripping, out);
            }
            return null;
        });

        WebhookSender.Outcome outcome = assertTimeoutPreemptively(GUARD,
                () -> sender.post("http://127.0.0.1:" + listening.getLocalPort() + "/hook", Map.of(), "{}"));

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.httpStatus()).isNull();
        assertThat(outcome.error()).isEqualTo("timed out after 3000 ms");
    }

    @Test
    void aBodyDrippedForEverIsNotReadTheStatusIsTheOutcome() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(receivers);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            exchange.sendResponseHeaders(200, 0); // chunked, without end
            Drip.until(stopDripping, exchange.getResponseBody());
            exchange.close();
        });
        server.start();
        try {
            WebhookSender.Outcome outcome = assertTimeoutPreemptively(GUARD,
                    () -> sender.post("http://127.0.0.1:" + server.getAddress().getPort() + "/hook", Map.of(), "{}"));

            assertThat(outcome.httpStatus()).isEqualTo(200);
            assertThat(outcome.delivered()).isTrue();
        } finally {
            server.stop(0);
        }
    }
}
