package dev.atrium.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak (the distribution the {@code bench} profile unpacks into {@code target/keycloak}) as a child process in
 * development mode on free loopback ports, with its own development database, and its admin REST API. Every failure
 * to find, start or reach it says what stopped it.
 */
final class Keycloak implements AutoCloseable {

    private static final String ADMIN = "admin";
    /** Fixed: Keycloak creates its bootstrap admin on the first start only and keeps it in its development database. */
    private static final String PASSWORD = "bench-admin";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(10);

    private final Http http;
    private final Process process;
    private final Path log;
    final String baseUrl;
    final String version;
    private String token;

    private Keycloak(Http http, Process process, Path log, String baseUrl, String version) {
        this.http = http;
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.version = version;
    }

    /** Starts Keycloak from {@code keycloak.home} with the JDK in {@code javaHome} and waits until it answers. */
    static Keycloak start(Http http, Path home, Path javaHome, Path log) throws IOException, InterruptedException {
        Path script = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + " (no executable bin/kc.sh): run with -Pbench, "
                    + "which unpacks org.keycloak:keycloak-quarkus-dist from Maven Central");
        }
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "start-dev", "--http-port=" + port,
                "--http-management-port=" + freePort(), "--http-host=127.0.0.1")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(Map.of("JAVA_HOME", javaHome.toString(), "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", PASSWORD));
        Process process = builder.start();
        String version = Files.readString(home.resolve("version.txt")).trim();
        Keycloak keycloak = new Keycloak(http, process, log, "http://127.0.0.1:" + port, version);
        keycloak.awaitReady();
        return keycloak;
    }

    private void awaitReady() throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped with exit code " + process.exitValue() + " before it answered; see " + log);
            }
            try {
                if (http.get(baseUrl + "/realms/master", null).status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYetListening) {
                // Not listening yet; the port is free until Keycloak binds it.
            }
            // Start-up readiness of an external process: nothing to wait on but its port.
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not answer within " + START_TIMEOUT + "; see " + log);
    }

    /** An admin token (password grant on the master realm's admin-cli) that lives long enough for the whole run. */
    void signIn() {
        token = fetchToken();
        http.putJson(baseUrl + "/admin/realms/master", token, Map.of("accessTokenLifespan", 7200)).expect(204);
        token = fetchToken();
    }

    private String fetchToken() {
        return http.postForm(baseUrl + "/realms/master/protocol/openid-connect/token", null,
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", ADMIN, "password", PASSWORD))
                .expect(200).json().get("access_token").asString();
    }

    /** A realm with organizations enabled that sends its mail to the SMTP server on loopback. */
    void createRealm(String realm, int smtpPort) {
        http.postJson(baseUrl + "/admin/realms", token, Map.of("realm", realm, "enabled", true, "organizationsEnabled", true,
                "smtpServer", Map.of("host", "127.0.0.1", "port", String.valueOf(smtpPort), "from", "keycloak@example.test")))
                .expect(201);
    }

    /** POST an organization; the response, for the caller to time and check. */
    Http.Response createOrganization(String realm, String name) {
        return http.postJson(admin(realm, "/organizations"), token, Map.of("name", name, "alias", name,
                "domains", List.of(Map.of("name", name + ".example.test"))));
    }

    String organizationId(Http.Response created) {
        String location = created.expect(201).header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    /** A new enabled user made a member of the organization; the user's id. */
    String addMember(String realm, String organizationId, String username, String email) {
        String location = http.postJson(admin(realm, "/users"), token, Map.of("username", username, "email", email, "enabled", true,
                "firstName", username, "lastName", "Bench")).expect(201).header("Location");
        String userId = location.substring(location.lastIndexOf('/') + 1);
        http.postJson(admin(realm, "/organizations/" + organizationId + "/members"), token, "\"" + userId + "\"").expect(201);
        return userId;
    }

    /** A realm role; its representation ({@code id}, {@code name}), as role mappings take it. */
    Map<String, String> createRealmRole(String realm, String name) {
        http.postJson(admin(realm, "/roles"), token, Map.of("name", name)).expect(201);
        return Map.of("id", http.get(admin(realm, "/roles/" + name), token).expect(200).json().get("id").asString(), "name", name);
    }

    /** The admin token {@link #signIn()} fetched, for a client of its own (the load test's). */
    String token() {
        return token;
    }

    Http.Response members(String realm, String organizationId, int first, int max) {
        return http.get(admin(realm, "/organizations/" + organizationId + "/members?first=" + first + "&max=" + max), token);
    }

    /** Invites one address (Keycloak takes one per request) and sends its e-mail before answering. */
    Http.Response invite(String realm, String organizationId, String email) {
        return http.postForm(admin(realm, "/organizations/" + organizationId + "/members/invite-user"), token,
                Map.of("email", email, "firstName", "Invited", "lastName", "Bench"));
    }

    private String admin(String realm, String path) {
        return baseUrl + "/admin/realms/" + realm + path;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while stopping Keycloak", e));
        }
    }
}
