package dev.atrium.admin.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.atrium.admin.config.AtriumProperties;

/**
 * The SSRF guard decides on the address a host resolves to at send time, not on the URL's text, and the request goes
 * to exactly the address it approved; redirects are not followed.
 */
class WebhookAddressesTest {

    /** A DNS server under the test's control: names that look public but point inside; the system's for the rest. */
    private static final DnsResolver DNS = new DnsResolver() {
        private final Map<String, String> answers = Map.of(
                "hooks.example.test", "127.0.0.1",
                "metadata.example.test", "169.254.169.254",
                "intranet.example.test", "10.1.2.3");

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            // Anything else is an address literal (no look-up) or unknown.
            return SystemDefaultDnsResolver.INSTANCE.resolve(answers.getOrDefault(host, host));
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    };

    private final WebhookReceiver receiver = newReceiver();

    @AfterEach
    void close() {
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks.example.test", "metadata.example.test", "intranet.example.test"})
    void aHostResolvingToAnInternalAddressIsRefusedWithPrivateNetworksOff(String host) {
        WebhookSender.Outcome outcome = sender(false).post("http://" + host + ":" + receiver.port() + "/hook", Map.of(), "{}");

        assertThat(outcome.delivered()).isFalse();
        assertThat(outcome.httpStatus()).as("no request went out").isNull();
        assertThat(outcome.error()).contains("Refused").contains(host);
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void anAddressInTheUrlIsCheckedAsWell() {
        WebhookSender.Outcome outcome = sender(false).post("http://127.0.0.1:" + receiver.port() + "/hook", Map.of(), "{}");

        assertThat(outcome.error()).contains("Refused");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void withPrivateNetworksAllowedTheRequestGoesToTheAddressTheGuardResolved() {
        // The system's DNS does not know this name: only the guard's answer can have led the request here.
        WebhookSender.Outcome outcome = sender(true).post("http://hooks.example.test:" + receiver.port() + "/hook",
                Map.of("webhook-id", "msg_1"), "{}");

        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(receiver.received()).singleElement().satisfies(received -> assertThat(received.id()).isEqualTo("msg_1"));
    }

    @Test
    void aRedirectIsAFailedAttemptNotFollowed() {
        receiver.answering(302);

        WebhookSender.Outcome outcome = sender(true).post(receiver.url(), Map.of(), "{}");

        assertThat(outcome.httpStatus()).isEqualTo(302);
        assertThat(outcome.delivered()).isFalse();
        assertThat(receiver.received()).hasSize(1);
    }

    private static WebhookSender sender(boolean allowPrivateNetworks) {
        return new WebhookSender(DNS, new AtriumProperties.Webhooks(allowPrivateNetworks, Duration.ofSeconds(30), Duration.ofHours(1),
                Duration.ofHours(24), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10)));
    }

    private static WebhookReceiver newReceiver() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
