package dev.atrium.admin.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.outbound.OutboundAddresses;

/**
 * Posts one webhook message: through the SSRF guard ({@link OutboundAddresses}), with connect and response timeouts and
 * a deadline on the whole attempt, never following a redirect (a 3xx is a failed attempt) and never retrying on its own
 * (the outbox retries). Only the status is read, never the body.
 */
@Component
class WebhookSender implements DisposableBean {

    private static final int MAX_ERROR_LENGTH = 500;

    private final CloseableHttpClient client;
    /**
     * The longest an attempt may take, however it is spread: the timeouts bound each read, so a receiver sending a byte
     * now and then would otherwise hold the worker, its transaction and row locks, and the delivery job for ever.
     */
    private final long deadlineMillis;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-deadlines").daemon().factory());

    @Autowired
    WebhookSender(AtriumProperties properties) {
        this(SystemDefaultDnsResolver.INSTANCE, properties.webhooks());
    }

    WebhookSender(DnsResolver dns, AtriumProperties.Webhooks settings) {
        Timeout connect = Timeout.of(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        Timeout response = Timeout.of(settings.responseTimeout().toMillis(), TimeUnit.MILLISECONDS);
        this.deadlineMillis = settings.connectTimeout().plus(settings.responseTimeout()).toMillis();
        this.client = new OutboundAddresses(dns, settings.allowPrivateNetworks()).client(connect, response, 20, 4)
                .setUserAgent("Atrium-Webhooks/1")
                .build();
    }

    /** What one attempt came to. */
    record Outcome(@Nullable Integer httpStatus, long latencyMillis, @Nullable String error) {

        boolean delivered() {
            return httpStatus != null && httpStatus >= 200 && httpStatus < 300;
        }
    }

    Outcome post(String url, Map<String, String> headers, String body) {
        long started = System.nanoTime();
        HttpPost post;
        try {
            post = new HttpPost(url);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, millisSince(started), describe(e));
        }
        headers.forEach(post::setHeader);
        post.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON.withCharset(StandardCharsets.UTF_8)));
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel, deadlineMillis, TimeUnit.MILLISECONDS);
        try {
            CloseableHttpResponse answer = CloseableHttpResponse.adapt(client.executeOpen(null, post, null));
            int status = answer.getCode();
            // Immediately: a graceful close would read the rest of the body, which may never end.
            answer.close(CloseMode.IMMEDIATE);
            boolean ok = status >= 200 && status < 300;
            return new Outcome(status, millisSince(started), ok ? null : "HTTP " + status);
        } catch (IOException | IllegalArgumentException e) {
            // Only the deadline cancels the request.
            String error = post.isCancelled() ? "timed out after " + deadlineMillis + " ms" : describe(e);
            return new Outcome(null, millisSince(started), error);
        } finally {
            deadline.cancel(false);
        }
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return message.length() > MAX_ERROR_LENGTH ? message.substring(0, MAX_ERROR_LENGTH) : message;
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
