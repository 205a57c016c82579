package dev.atrium.admin.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback, as a customer would write one: it records every request and verifies it the
 * Standard Webhooks way with its own code (HMAC-SHA256 of {@code id.timestamp.body} with the base64 key after
 * {@code whsec_}, any of the space-separated {@code v1,} signatures, timestamp within five minutes of its clock).
 * It answers with the statuses queued, then 200.
 */
final class WebhookReceiver implements AutoCloseable {

    static final long TOLERANCE_SECONDS = 5 * 60;

    /** One request as received, with the status it was answered with. */
    record Received(String id, String timestamp, String signatures, String body, int answered) {

        /** Whether one of the signatures is this secret's, and the timestamp is fresh by the receiver's clock. */
        boolean verifiesWith(String secret, Clock clock) {
            long sent = Long.parseLong(timestamp);
            if (Math.abs(clock.instant().getEpochSecond() - sent) > TOLERANCE_SECONDS) {
                return false;
            }
            byte[] expected = hmac(secret, id + "." + timestamp + "." + body);
            for (String signature : signatures.split(" ")) {
                String[] parts = signature.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        }

        private static byte[] hmac(String secret, String content) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.replaceFirst("^whsec_", "")), "HmacSHA256"));
                return mac.doFinal(content.getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private volatile int afterQueued = 200;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Integer queued = statuses.poll();
            int status = queued != null ? queued : afterQueued;
            var headers = exchange.getRequestHeaders();
            received.add(new Received(headers.getFirst("webhook-id"), headers.getFirst("webhook-timestamp"),
                    headers.getFirst("webhook-signature"), body, status));
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/redirected");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    /** Answers the next requests with these statuses, in order. */
    WebhookReceiver answering(Integer... next) {
        statuses.addAll(List.of(next));
        return this;
    }

    /** Answers every request beyond the queued ones with this status. */
    WebhookReceiver thenAlways(int status) {
        afterQueued = status;
        return this;
    }

    List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
