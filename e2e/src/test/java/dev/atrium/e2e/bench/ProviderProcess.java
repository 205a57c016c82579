package dev.atrium.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.atrium.dev.DevServicesConfiguration;

/**
 * The local OpenID Connect provider, with the development configuration, in a JVM of its own: a real provider runs
 * elsewhere, so the threads and buffers it keeps per browser connection are not the application's memory. Registered
 * as the app-wide provider through Spring's OAuth2 client properties, which keeps the in-process one from starting.
 */
final class ProviderProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String issuer;

    private ProviderProcess(Process process, String issuer) {
        this.process = process;
        this.issuer = issuer;
    }

    static ProviderProcess start(Path log) {
        try {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"), "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("SERVER_HOSTNAME", "127.0.0.1");
            builder.environment().put("SERVER_PORT", Integer.toString(port));
            builder.environment().put("JSON_CONFIG", DevServicesConfiguration.PROVIDER_CONFIG);
            ProviderProcess provider = new ProviderProcess(builder.start(),
                    "http://127.0.0.1:" + port + "/" + DevServicesConfiguration.ISSUER_ID);
            provider.awaitDiscovery(log);
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String issuer() {
        return issuer;
    }

    /** The app-wide registration, as an operator configures a provider of their own. */
    void register(DynamicPropertyRegistry registry) {
        String registration = "spring.security.oauth2.client.registration." + DevServicesConfiguration.REGISTRATION_ID + ".";
        registry.add(registration + "client-id", () -> "atrium-bench");
        registry.add(registration + "client-secret", () -> "atrium-bench-secret");
        registry.add(registration + "scope", () -> "openid,profile,email");
        registry.add(registration + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
        registry.add("spring.security.oauth2.client.provider." + DevServicesConfiguration.REGISTRATION_ID + ".issuer-uri", this::issuer);
    }

    private void awaitDiscovery(Path log) throws IOException {
        Instant giveUp = Instant.now().plus(START_TIMEOUT);
        HttpRequest discovery = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("The identity provider's process ended; its log: " + log.toAbsolutePath());
                }
                try {
                    if (client.send(discovery, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (ConnectException notListeningYet) {
                    // polled again below
                }
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("The identity provider did not start within " + START_TIMEOUT + "; its log: "
                            + log.toAbsolutePath());
                }
                // Polls again after 100 ms, or at once when the process ends.
                process.onExit().completeOnTimeout(null, 100, TimeUnit.MILLISECONDS).join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
