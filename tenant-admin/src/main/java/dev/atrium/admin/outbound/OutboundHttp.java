package dev.atrium.admin.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.stereotype.Component;

import dev.atrium.admin.config.AtriumProperties;

/**
 * The HTTP client for an identity provider a workspace admin named: the documents it publishes at the address they
 * typed (SAML metadata, OIDC discovery) and the endpoints those documents name, which sign-in calls server-side (token,
 * key set, userinfo). Every host is resolved through the SSRF guard ({@link OutboundAddresses}, with the webhooks'
 * setting that allows private networks); no redirect is followed (its target could be an internal address), nothing
 * is retried and no cookie kept; each connect and read is done within {@link #TIMEOUT_SECONDS} seconds, and a whole
 * request within {@link #DEADLINE}.
 */
@Component
public class OutboundHttp implements DisposableBean {

    public static final int TIMEOUT_SECONDS = 10;
    /**
     * The longest one request may take, however its bytes are spread: the timeout bounds each read, so a server sending
     * a byte now and then would otherwise hold the admin's or the signing-in person's request thread for ever.
     */
    static final Duration DEADLINE = Duration.ofSeconds(30);
    /** HttpClient's own defaults. */
    private static final int MAX_CONNECTIONS = 25;
    private static final int MAX_CONNECTIONS_PER_HOST = 5;

    private final OutboundAddresses guard;
    private final CloseableHttpClient client;
    private final ClientHttpRequestFactory requestFactory;
    private final Duration deadline;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("outbound-deadlines").daemon().factory());

    @Autowired
    OutboundHttp(AtriumProperties properties) {
        this(SystemDefaultDnsResolver.INSTANCE, properties.webhooks().allowPrivateNetworks(), DEADLINE);
    }

    OutboundHttp(DnsResolver dns, boolean allowPrivateNetworks, Duration deadline) {
        this.deadline = deadline;
        Timeout timeout = Timeout.of(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        this.guard = new OutboundAddresses(dns, allowPrivateNetworks);
        this.client = guard.client(timeout, timeout, MAX_CONNECTIONS, MAX_CONNECTIONS_PER_HOST).build();
        this.requestFactory = new HttpComponentsClientHttpRequestFactory(client) {
            @Override
            protected void postProcessHttpRequest(ClassicHttpRequest request) {
                // Spring's factory makes every request as an HttpUriRequestBase, which can be cancelled.
                cancelAtDeadline((HttpUriRequestBase) request);
            }
        };
    }

    /**
     * Sends the request and opens its response, to be read as it comes (e.g. up to a size) and closed by the caller;
     * reading fails with an {@link IOException} once the request has taken longer than the deadline.
     */
    public CloseableHttpResponse open(HttpUriRequestBase request) throws IOException {
        cancelAtDeadline(request);
        return CloseableHttpResponse.adapt(client.executeOpen(null, request, null));
    }

    /** Cancelling a request that has ended does nothing, so the cancellation is left to run out rather than tracked. */
    private void cancelAtDeadline(HttpUriRequestBase request) {
        deadlines.schedule(request::cancel, deadline.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The same client for Spring's {@code RestClient} and {@code RestTemplate}. */
    public ClientHttpRequestFactory requestFactory() {
        return requestFactory;
    }

    /**
     * Resolves the URL's host through the guard now, without connecting: what a request to it would be refused for
     * today ({@link OutboundAddresses.RefusedAddressException}). A host that does not resolve is no internal address
     * and passes; a request to it fails on its own.
     */
    public void requireAllowed(URI url) throws OutboundAddresses.RefusedAddressException {
        if (url.getHost() == null) {
            return;
        }
        try {
            guard.resolve(url.getHost());
        } catch (OutboundAddresses.RefusedAddressException e) {
            throw e;
        } catch (UnknownHostException e) {
            // Not resolvable now: nothing to refuse.
        }
    }

    /** Whether the guard refused an address somewhere in this failure's causes. */
    public static boolean refusedIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutboundAddresses.RefusedAddressException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void destroy() throws IOException {
        deadlines.shutdownNow();
        client.close();
    }
}
