package dev.atrium.admin.tenancy;

import static dev.atrium.admin.tenancy.SchemaAssertions.describe;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import com.zaxxer.hikari.HikariDataSource;

import dev.atrium.admin.paging.TextSearchIndexes;

/**
 * Where pg_trgm is missing, the migrations still succeed: in a database of its own whose extension was dropped after
 * the platform schema was made, a workspace schema gets its keyset indexes, its trigram changeset is marked ran
 * without indexes (the precondition), and the start-up check reports that filters scan. The SQL rendered for new
 * workspaces there makes the same schema.
 */
@SpringBootTest
class TrigramFallbackTest {

    @Autowired DataSource dataSource;
    @Autowired DSLContext platform;
    @Autowired ResourceLoader resourceLoader;

    @Test
    void withoutPgTrgmAWorkspaceSchemaIsMadeWithItsPlainIndexesOnly() {
        String database = "no_trgm_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        platform.createDatabase(DSL.name(database)).execute();
        try {
            String url = ((HikariDataSource) dataSource).getJdbcUrl().replaceFirst("/postgres\\?", "/" + database + "?");
            SimpleDriverDataSource other = new SimpleDriverDataSource(new org.postgresql.Driver(), url);
            DSLContext sql = DSL.using(other, SQLDialect.POSTGRES);
            new SchemaMigrator(other, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG).migrate("platform");
            sql.execute("DROP EXTENSION pg_trgm CASCADE");

            new SchemaMigrator(other, resourceLoader, TenantMigrations.TENANT_CHANGELOG).migrate("tenant_plain");

            var indexes = sql.fetch("SELECT indexname FROM pg_indexes WHERE schemaname = 'tenant_plain'").getValues(0, String.class);
            assertThat(indexes).contains("member_last_active_asc_ix", "member_last_active_desc_ix", "invitation_email_sort_ix",
                            "audit_event_actor_key_ix")
                    .doesNotContain("invitation_email_trgm_ix", "audit_event_actor_email_trgm_ix", "audit_event_actor_trgm_ix",
                            "audit_actor_trgm_ix");
            assertThat(sql.fetchValue("SELECT exectype FROM tenant_plain.databasechangelog WHERE id = ?",
                    "index-invitation-and-audit-actor-trigrams")).isEqualTo("MARK_RAN");
            assertThat(sql.fetchValue("SELECT exectype FROM tenant_plain.databasechangelog WHERE id = ?",
                    "audit-event-one-actor-trigram-index")).isEqualTo("MARK_RAN");
            assertThat(sql.fetchValue("SELECT exectype FROM tenant_plain.databasechangelog WHERE id = ?",
                    "audit-actor-trigram-index")).isEqualTo("MARK_RAN");
            assertThat(new TextSearchIndexes(sql).available()).isFalse();

            // The create script, rendered in that database, tests the precondition there too: the same schema.
            SchemaScript script = new SchemaMigrator(other, resourceLoader, TenantMigrations.TENANT_CHANGELOG).createScript();
            assertThat(script.tables()).doesNotContain("gin_trgm_ops");
            sql.transaction(configuration -> {
                DSLContext transaction = configuration.dsl();
                transaction.createSchema(DSL.name("tenant_fast")).execute();
                transaction.execute("SET LOCAL search_path TO tenant_fast");
                transaction.connection(connection -> {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute(script.tables() + ";\n" + script.history());
                    }
                });
            });
            assertThat(describe(sql, "tenant_fast")).containsExactlyElementsOf(describe(sql, "tenant_plain"));
        } finally {
            platform.dropDatabaseIfExists(DSL.name(database)).execute();
        }
    }
}
