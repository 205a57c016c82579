package dev.atrium.admin.tenancy;

import static dev.atrium.admin.tenancy.SchemaAssertions.describe;
import static dev.atrium.admin.tenancy.SchemaAssertions.tableExists;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditLogService;

/**
 * A workspace is created from the changelogs' SQL rendered once, not by Liquibase: its schema must be the one
 * Liquibase makes, and Liquibase must find every changeset applied there and apply later ones.
 */
@SpringBootTest
class FastProvisioningTest {

    private static final String NEXT_TENANT_RELEASE = "db/changelog/test/tenant-next-version.xml";

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TestWorkspaces workspaces;
    @Autowired AuditLogService audit;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;

    @Test
    void aCreatedWorkspacesSchemaIsTheOneLiquibaseMakes() {
        TenantScope created = workspaces.newWorkspace("Fiona");
        String byLiquibase = "lb_probe_" + Long.toHexString(System.nanoTime());
        try {
            SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog).update(byLiquibase);

            List<String> expected = describe(platform, byLiquibase);
            assertThat(expected).anyMatch(line -> line.startsWith("trigger audit_event_no_update")
                            && line.contains("EXECUTE FUNCTION platform.audit_event_guard()"))
                    .anyMatch(line -> line.startsWith("history create-host-note"));
            assertThat(describe(platform, created.schemaName())).containsExactlyElementsOf(expected);
        } finally {
            platform.dropSchemaIfExists(DSL.name(byLiquibase)).cascade().execute();
        }
    }

    @Test
    void liquibaseFindsEveryChangesetAppliedAndAppliesANewOneLater() throws Exception {
        TenantScope created = workspaces.newWorkspace("Gus");
        String schema = created.schemaName();
        SchemaMigrator current = SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog);
        List<String> history = history(schema);
        assertThat(current.isUpToDate(platform, schema)).isTrue();

        // Liquibase itself, not the up-to-date check: it runs nothing and writes no history row.
        current.update(schema);
        assertThat(history(schema)).isEqualTo(history);

        SchemaMigrator nextRelease = new SchemaMigrator(dataSource, resourceLoader, NEXT_TENANT_RELEASE, hostChangelog);
        assertThat(nextRelease.isUpToDate(platform, schema)).isFalse();
        nextRelease.migrate(schema);
        assertThat(tableExists(platform, schema, "startup_probe")).isTrue();
        assertThat(history(schema)).hasSize(history.size() + 1);
        assertThat(nextRelease.isUpToDate(platform, schema)).isTrue();
        // The workspace still works, its first audit event included.
        assertThat(audit.verify(created).intact()).isTrue();
    }

    @Test
    void theRegistryRecordsTheChangelogVersionOfANewWorkspace() {
        TenantScope created = workspaces.newWorkspace("Hana");
        String version = SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog).version();

        assertThat(platform.fetchValue(WORKSPACE.CHANGELOG_VERSION, WORKSPACE.ID.eq(created.workspaceId()))).isEqualTo(version);
        assertThat(version).isNotEqualTo(SchemaMigrator.forTenants(dataSource, resourceLoader, "").version())
                .isNotEqualTo(new SchemaMigrator(dataSource, resourceLoader, NEXT_TENANT_RELEASE, hostChangelog).version());
    }

    private List<String> history(String schema) {
        return platform.select(DSL.field(DSL.name("id")), DSL.field(DSL.name("filename")), DSL.field(DSL.name("orderexecuted")),
                        DSL.field(DSL.name("dateexecuted")), DSL.field(DSL.name("md5sum")))
                .from(DSL.table(DSL.name(schema, "databasechangelog"))).orderBy(DSL.field(DSL.name("orderexecuted")))
                .fetch(Record::formatCSV);
    }
}
