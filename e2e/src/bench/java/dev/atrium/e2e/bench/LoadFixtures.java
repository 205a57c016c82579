package dev.atrium.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the load test's virtual users work with, written by {@link ApiLoadBenchmark} after its set-up and read by
 * {@link ApiLoadSimulation}, which Gatling instantiates by class name (so it gets no constructor arguments).
 */
record LoadFixtures(String atriumUrl, List<Workspace> workspaces, String keycloakUrl, String keycloakToken, String realm,
        List<Organization> organizations, List<RealmRole> realmRoles) {

    /** A workspace: an Admin API key, the ids of the Member and Guest roles, and its members (never its Owner). */
    record Workspace(String key, String memberRole, String guestRole, List<String> members) {
    }

    /** An organization and its members' user ids. */
    record Organization(String id, List<String> members) {
    }

    record RealmRole(String id, String name) {
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, Http.JSON.writeValueAsString(this));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadFixtures read(Path file) {
        try {
            return Http.JSON.readValue(Files.readString(file), LoadFixtures.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
