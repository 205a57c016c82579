package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.assertions.LocatorAssertions;
import com.sun.net.httpserver.HttpServer;

import dev.atrium.e2e.pages.WebhooksPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/** An admin adds a webhook endpoint (a receiver in this test), sends a test event and sees it delivered in the log. */
@AtriumE2ETest
class WebhooksTest extends BrowserTest {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer receiver;

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aTestEventReachesTheReceiverAndShowsAsDeliveredInTheLog() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(exchange.getRequestHeaders().getFirst("webhook-signature") + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String workspace = unique("Hooked");
        signIn(page, uniqueEmail("wilma"), "Wilma Owner").openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace, new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        String slug = slugOf(page);

        WebhooksPage webhooks = new WebhooksPage(page).open(slug);
        String secret = webhooks.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook", "member.joined");
        assertThat(secret).startsWith("whsec_");
        webhooks.sendTestEvent();

        page.waitForCondition(() -> {
            webhooks.refreshLog();
            return webhooks.logCell("Delivered").count() > 0;
        });
        assertThat(webhooks.logCell("webhook.test")).isVisible();
        assertThat(webhooks.logCell("204")).isVisible();
        assertThat(received).anySatisfy(message -> assertThat(message).startsWith("v1,").contains("\"type\":\"webhook.test\""));
    }
}
