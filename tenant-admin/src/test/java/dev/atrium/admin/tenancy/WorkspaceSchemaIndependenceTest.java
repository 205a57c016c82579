package dev.atrium.admin.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;

import dev.atrium.admin.TestWorkspaces;

/**
 * A workspace's schema leaves the platform schema's tables as they were: no foreign key of a workspace table names a
 * platform table. PostgreSQL keeps such a key's checks as triggers on the platform table, so with one per workspace
 * creating a workspace slowed with every workspace made before it (each new key makes every session load all of the
 * table's triggers again), and an update of an account ran through all of them.
 */
@SpringBootTest
class WorkspaceSchemaIndependenceTest {

    private static final String PLATFORM_TRIGGERS = """
            select count(*) from pg_catalog.pg_trigger t
            join pg_catalog.pg_class c on c.oid = t.tgrelid
            join pg_catalog.pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'platform'""";
    private static final String KEYS_TO_PLATFORM = """
            select count(*) from pg_catalog.pg_constraint k
            join pg_catalog.pg_namespace n on n.oid = k.connamespace
            join pg_catalog.pg_class referenced on referenced.oid = k.confrelid
            join pg_catalog.pg_namespace rn on rn.oid = referenced.relnamespace
            where k.contype = 'f' and n.nspname = ? and rn.nspname = 'platform'""";

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TestWorkspaces workspaces;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;

    @Test
    void creatingAWorkspaceAddsNoTriggerToThePlatformTables() {
        int before = platformTriggers();
        TenantScope created = workspaces.newWorkspace("Imre");
        assertThat(keysToPlatform(created.schemaName())).isZero();
        assertThat(platformTriggers()).isEqualTo(before);
    }

    @Test
    void aSchemaMigratedByLiquibaseKeepsNoForeignKeyToThePlatformTables() {
        int before = platformTriggers();
        String byLiquibase = "lb_keys_" + Long.toHexString(System.nanoTime());
        try {
            SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog).update(byLiquibase);
            assertThat(keysToPlatform(byLiquibase)).isZero();
            assertThat(platformTriggers()).isEqualTo(before);
        } finally {
            platform.dropSchemaIfExists(DSL.name(byLiquibase)).cascade().execute();
        }
    }

    private int platformTriggers() {
        return platform.resultQuery(PLATFORM_TRIGGERS).fetchSingle(0, Integer.class);
    }

    private int keysToPlatform(String schema) {
        return platform.resultQuery(KEYS_TO_PLATFORM, schema).fetchSingle(0, Integer.class);
    }
}
