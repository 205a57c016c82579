package dev.atrium.admin.tenancy;

import static dev.atrium.admin.tenancy.SchemaAssertions.tableExists;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
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

            List<String> expected = describe(byLiquibase);
            assertThat(expected).anyMatch(line -> line.startsWith("trigger audit_event_no_update"))
                    .anyMatch(line -> line.startsWith("function audit_event_guard"))
                    .anyMatch(line -> line.startsWith("history create-host-note"));
            assertThat(describe(created.schemaName())).containsExactlyElementsOf(expected);
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

    /** Everything a schema holds, each line with the schema's name replaced, sorted. */
    private List<String> describe(String schema) {
        List<String> lines = new ArrayList<>();
        String[] queries = {
                "SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '')"
                        + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = {0}",
                "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(column_default, '')"
                        + " || ' ' || is_nullable || ' ' || ordinal_position FROM information_schema.columns WHERE table_schema = {0}",
                "SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = {0}",
                "SELECT 'constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c"
                        + " JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = {0}",
                "SELECT 'trigger ' || t.tgname || ' ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid"
                        + " JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = {0} AND NOT t.tgisinternal",
                "SELECT 'function ' || p.proname || ' ' || pg_get_functiondef(p.oid) FROM pg_proc p"
                        + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = {0}",
        };
        for (String query : queries) {
            platform.resultQuery(query, DSL.val(schema)).fetch(0, String.class).forEach(lines::add);
        }
        platform.select(DSL.field(DSL.name("id"), String.class), DSL.field(DSL.name("author"), String.class),
                        DSL.field(DSL.name("filename"), String.class), DSL.field(DSL.name("md5sum"), String.class),
                        DSL.field(DSL.name("exectype"), String.class), DSL.field(DSL.name("description"), String.class))
                .from(DSL.table(DSL.name(schema, "databasechangelog")))
                .forEach(r -> lines.add("history " + String.join(" ", r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6())));
        // The rows the changelogs insert (built-in roles, the audit chain's head), as data rather than ids.
        platform.select(DSL.field(DSL.name("key"), String.class), DSL.field(DSL.name("name"), String.class))
                .from(DSL.table(DSL.name(schema, "role")))
                .forEach(r -> lines.add("role " + r.value1() + " " + r.value2()));
        platform.select(DSL.field(DSL.name("table_name"), String.class)).from(DSL.table(DSL.name("information_schema", "tables")))
                .where(DSL.field(DSL.name("table_schema")).eq(schema)).and(DSL.field(DSL.name("table_type")).eq("BASE TABLE"))
                .fetch(0, String.class).forEach(table -> lines.add("rows " + table + " "
                        + (table.equals("databasechangelog") ? "-" : platform.fetchCount(DSL.table(DSL.name(schema, table)))
                                - (table.equals("member") || table.equals("audit_event") ? rowsOfTheOwner(schema, table) : 0))));
        return lines.stream().map(line -> line.replace(schema, "S")).sorted().toList();
    }

    /** A created workspace holds its Owner and its first audit event; the schema Liquibase made has neither. */
    private int rowsOfTheOwner(String schema, String table) {
        return schema.startsWith(TenantProvisioner.SCHEMA_PREFIX) ? 1 : 0;
    }
}
