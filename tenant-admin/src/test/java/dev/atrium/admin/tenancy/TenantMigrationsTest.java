package dev.atrium.admin.tenancy;

import static dev.atrium.admin.TestAccounts.uniqueSlug;
import static dev.atrium.admin.tenancy.SchemaAssertions.tableExists;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceSummary;

@SpringBootTest
class TenantMigrationsTest {

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TenantHealth health;
    @Autowired TenantBinder binder;
    @Autowired WorkspaceService workspaces;
    @Autowired TestAccounts accounts;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;

    @Test
    void startUpBringsEveryTenantToTheCurrentChangelogAndRefusesOneThatFails() {
        Account owner = accounts.newAccount("Mallory");
        List<WorkspaceSummary> tenants = IntStream.range(0, 5)
                .mapToObj(i -> workspaces.create(owner.id(), "Tenant " + i, uniqueSlug("tenant-" + i)))
                .toList();
        WorkspaceSummary broken = tenants.get(2);
        // Something already occupies the name the next release's changeset wants in this one tenant.
        platform.createTable(DSL.name(TenantProvisioner.schemaNameFor(broken.id()), "startup_probe"))
                .column("text_id", org.jooq.impl.SQLDataType.CLOB).execute();

        SchemaMigrator nextRelease = new SchemaMigrator(dataSource, resourceLoader, "db/changelog/test/tenant-next-version.xml");
        int failed = new TenantMigrations(new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG),
                nextRelease, platform, health, 3).migrateAll();

        assertThat(failed).isOne();
        for (WorkspaceSummary tenant : tenants) {
            String schema = TenantProvisioner.schemaNameFor(tenant.id());
            assertThat(tableExists(platform, schema, "startup_probe")).isTrue();
            if (tenant.equals(broken)) {
                // Still behind: the next start-up tries it again.
                assertThat(recordedVersion(tenant.id())).isNotEqualTo(nextRelease.version());
                assertThat(health.isServed(tenant.id())).isFalse();
                assertThatThrownBy(() -> binder.bind(owner.id(), tenant.slug())).isInstanceOf(TenantUnavailableException.class);
            } else {
                assertThat(recordedVersion(tenant.id())).isEqualTo(nextRelease.version());
                assertThat(health.isServed(tenant.id())).isTrue();
                assertThat(binder.bind(owner.id(), tenant.slug()).workspaceId()).isEqualTo(tenant.id());
            }
        }
        assertThat(health.failures()).containsKey(broken.id());
        health.markServed(broken.id());
    }

    /**
     * Start-up asks the registry which workspaces are behind and looks at nothing else: a workspace recorded at the
     * current version is not touched, even with a history Liquibase would stumble on; one without a recorded version
     * (from before versions were recorded) and one at an older version are brought up and recorded.
     */
    @Test
    void startUpMigratesOnlyTheWorkspacesBehindTheRecordedVersionAndRecordsTheirs() throws Exception {
        Account owner = accounts.newAccount("Nadia");
        WorkspaceSummary current = workspaces.create(owner.id(), "Current", uniqueSlug("current"));
        WorkspaceSummary unknown = workspaces.create(owner.id(), "Unknown", uniqueSlug("unknown"));
        WorkspaceSummary older = workspaces.create(owner.id(), "Older", uniqueSlug("older"));
        SchemaMigrator migrator = SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog);
        String version = migrator.version();
        assertThat(recordedVersion(current.id())).isEqualTo(version);
        platform.update(WORKSPACE).setNull(WORKSPACE.CHANGELOG_VERSION).where(WORKSPACE.ID.eq(unknown.id())).execute();
        platform.update(WORKSPACE).set(WORKSPACE.CHANGELOG_VERSION, "an older release").where(WORKSPACE.ID.eq(older.id())).execute();
        // Were start-up to run Liquibase here, it would create the host's table again and fail.
        var currentHistory = DSL.table(DSL.name(TenantProvisioner.schemaNameFor(current.id()), "databasechangelog"));
        var hostNote = DSL.field(DSL.name("id")).eq("create-host-note");
        Record removed = platform.selectFrom(currentHistory).where(hostNote).fetchSingle();
        removed.touched(true);
        platform.deleteFrom(currentHistory).where(hostNote).execute();
        try {
            new TenantMigrations(new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG),
                    migrator, platform, health, 2).migrateAll();

            assertThat(health.isServed(current.id())).isTrue();
            assertThat(migrator.isUpToDate(platform, TenantProvisioner.schemaNameFor(current.id()))).isFalse();
            for (WorkspaceSummary tenant : List.of(current, unknown, older)) {
                assertThat(recordedVersion(tenant.id())).isEqualTo(version);
                assertThat(binder.bind(owner.id(), tenant.slug()).workspaceId()).isEqualTo(tenant.id());
            }
        } finally {
            platform.insertInto(currentHistory).set(removed).execute();
        }
    }

    private String recordedVersion(UUID workspaceId) {
        return platform.fetchValue(WORKSPACE.CHANGELOG_VERSION, WORKSPACE.ID.eq(workspaceId));
    }
}
