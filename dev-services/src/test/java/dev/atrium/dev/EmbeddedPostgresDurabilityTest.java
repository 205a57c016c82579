package dev.atrium.dev;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A user's data directory is written so that a power cut loses no committed change and corrupts nothing. */
class EmbeddedPostgresDurabilityTest {

    @TempDir
    Path home;

    @Test
    void aPersistentDataDirectoryRunsWithFsyncSynchronousCommitAndFullPageWrites() throws Exception {
        try (EmbeddedPostgres postgres = new EmbeddedPostgresConfiguration()
                .embeddedPostgres(home.resolve(".atrium/pgdata").toString())) {
            assertThat(setting(postgres, "fsync")).isEqualTo("on");
            assertThat(setting(postgres, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(postgres, "full_page_writes")).isEqualTo("on");
        }
    }

    private static String setting(EmbeddedPostgres postgres, String name) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SHOW " + name)) {
            result.next();
            return result.getString(1);
        }
    }
}
