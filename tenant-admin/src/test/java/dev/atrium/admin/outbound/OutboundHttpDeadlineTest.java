package dev.atrium.admin.outbound;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import com.sun.net.httpserver.HttpServer;

/**
 * An identity provider that sends its document a byte now and then, each in time for the read timeout, does not hold
 * the request beyond the deadline: neither a document read as it comes nor a sign-in's request through Spring's
 * clients. Without the deadline each would read for as long as the server drips.
 */
class OutboundHttpDeadlineTest {

    /** Well beyond the deadline below (2 s): a guard, so that a hanging request fails the test instead of the build. */
    private static final Duration GUARD = Duration.ofSeconds(30);

    private final CountDownLatch stopDripping = new CountDownLatch(1);
    private final ExecutorService providers = Executors.newCachedThreadPool();
    private final OutboundHttp http = new OutboundHttp(SystemDefaultDnsResolver.INSTANCE, true, Duration.ofSeconds(2));
    private HttpServer server;

    @BeforeEach
    void aProviderThatDripsItsDocument() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(providers);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, without end
            Drip.until(stopDripping, exchange.getResponseBody());
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        stopDripping.countDown();
        server.stop(0);
        providers.shutdownNow();
        http.destroy();
    }

    @Test
    void aDocumentReadAsItComesFailsAtTheDeadline() {
        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> {
            try (CloseableHttpResponse response = http.open(new HttpGet(url())); InputStream body = response.getEntity().getContent()) {
                body.readAllBytes();
            }
        }).isInstanceOf(IOException.class));
    }

    @Test
    void aRequestThroughSpringsClientsFailsAtTheDeadline() {
        RestClient client = RestClient.builder().requestFactory(http.requestFactory()).build();

        assertTimeoutPreemptively(GUARD, () -> assertThatThrownBy(() -> client.get().uri(url()).retrieve().body(String.class))
                .isInstanceOf(RestClientException.class).rootCause().isInstanceOf(IOException.class));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/openid-configuration";
    }
}
