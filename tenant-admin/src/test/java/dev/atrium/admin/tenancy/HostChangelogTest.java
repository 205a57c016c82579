package dev.atrium.admin.tenancy;

import static dev.atrium.admin.tenancy.SchemaAssertions.tableExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestWorkspaces;

/**
 * A host application's own tenant changelog ({@code atrium.tenants.host-changelog}, here a test host's notes table):
 * applied after Atrium's at provisioning and at start-up, with the same fast path and refusals.
 */
@SpringBootTest
class HostChangelogTest {

    private static final String NEXT_HOST_RELEASE = "db/changelog/test/host-next-version.xml";
    /** The host's table as its generated code would name it: in the template schema, which TenantDsl maps. */
    private static final Table<?> HOST_NOTE = DSL.table(DSL.name(TenantDsl.TEMPLATE_SCHEMA, "host_note"));
    private static final Field<String> TITLE = DSL.field(DSL.name("title"), String.class);

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TenantDsl tenantDsl;
    @Autowired TenantHealth health;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired TenantBinder binder;
    @Autowired TestWorkspaces workspaces;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;

    @Test
    void provisioningCreatesTheHostsTablesInEachWorkspaceAndItsSqlReachesOnlyThatWorkspace() throws Exception {
        TenantScope alpha = workspaces.newWorkspace("Alma");
        TenantScope beta = workspaces.newWorkspace("Boris");

        assertThat(tableExists(platform, alpha.schemaName(), "host_note")).isTrue();
        assertThat(tableExists(platform, beta.schemaName(), "host_note")).isTrue();
        tenantDsl.of(alpha).insertInto(HOST_NOTE).set(TITLE, "Alpha's plan").execute();

        assertThat(tenantDsl.of(alpha).fetch(HOST_NOTE).getValues(TITLE)).containsExactly("Alpha's plan");
        assertThat(tenantDsl.of(beta).fetchCount(HOST_NOTE)).isZero();
        assertThat(platform.fetchCount(DSL.table(DSL.name(alpha.schemaName(), "host_note")))).isOne();
        // Up to date means both changelogs: Atrium's alone no longer describes the workspace's history.
        assertThat(SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog).isUpToDate(platform, alpha.schemaName())).isTrue();
        assertThat(SchemaMigrator.forTenants(dataSource, resourceLoader, "").isUpToDate(platform, alpha.schemaName())).isFalse();
    }

    @Test
    void startUpAddsTheHostsNewChangesetToEveryWorkspaceAndRefusesOnlyTheOneWhereItFails() throws Exception {
        List<TenantScope> tenants = IntStream.range(0, 4).mapToObj(i -> workspaces.newWorkspace("Host tenant " + i)).toList();
        TenantScope broken = tenants.get(1);
        // Two notes with the same title: the next release's unique constraint cannot be added in this workspace.
        tenantDsl.of(broken).insertInto(HOST_NOTE).set(TITLE, "Twice").execute();
        tenantDsl.of(broken).insertInto(HOST_NOTE).set(TITLE, "Twice").execute();
        SchemaMigrator nextRelease = SchemaMigrator.forTenants(dataSource, resourceLoader, NEXT_HOST_RELEASE);
        assertThat(nextRelease.isUpToDate(platform, tenants.getFirst().schemaName())).isFalse();

        int failed = new TenantMigrations(new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG),
                nextRelease, platform, health, 3).migrateAll();

        try {
            assertThat(failed).isOne();
            for (TenantScope tenant : tenants) {
                if (tenant == broken) {
                    assertThat(uniqueTitles(tenant)).isFalse();
                    assertThat(health.failures().get(tenant.workspaceId()).reason()).contains("host_note_title_uk");
                    assertThatThrownBy(() -> binder.bind(tenant.accountId(), tenant.slug()))
                            .isInstanceOf(TenantUnavailableException.class);
                    assertThat(nextRelease.isUpToDate(platform, tenant.schemaName())).isFalse();
                } else {
                    assertThat(uniqueTitles(tenant)).isTrue();
                    assertThat(health.isServed(tenant.workspaceId())).isTrue();
                    assertThat(binder.bind(tenant.accountId(), tenant.slug()).workspaceId()).isEqualTo(tenant.workspaceId());
                    // The fast path: the next start-up leaves this workspace alone without starting Liquibase.
                    assertThat(nextRelease.isUpToDate(platform, tenant.schemaName())).isTrue();
                }
            }
        } finally {
            health.markServed(broken.workspaceId());
        }
    }

    @Test
    void aHostChangesetFailingAtProvisioningLeavesNoSchemaAndRegistersNothing() {
        TenantProvisioner provisioner = new TenantProvisioner(new SchemaMigrator(dataSource, resourceLoader,
                TenantMigrations.TENANT_CHANGELOG, "db/changelog/test/broken-host.xml"), tenantDsl,
                new TransactionTemplate(transactionManager), platform);
        UUID workspaceId = UUID.randomUUID();
        AtomicBoolean registered = new AtomicBoolean();

        assertThatThrownBy(() -> provisioner.provision(workspaceId, tenant -> registered.getAndSet(true)))
                .hasMessageContaining("no_such_host_function");

        assertThat(registered).isFalse();
        assertThat(SchemaAssertions.schemaExists(platform, TenantProvisioner.schemaNameFor(workspaceId))).isFalse();
    }

    /**
     * Liquibase's own lock service is reset for the whole JVM by every finished update, so parallel migrations left
     * some schema's lock row held (one schema per run, in 3 of 3 runs before SchemaLockService); this JVM then went
     * past it, but the next start-up waited five minutes on it and refused that workspace. Two start-ups in a row that
     * both run Liquibase on every schema leave no lock behind.
     */
    @Test
    void parallelStartUpMigrationsLeaveNoSchemaLockedForTheNextStartUp() {
        List<TenantScope> tenants = IntStream.range(0, 8).mapToObj(i -> workspaces.newWorkspace("Locksmith " + i)).toList();
        TenantMigrations nextRelease = new TenantMigrations(new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG),
                SchemaMigrator.forTenants(dataSource, resourceLoader, NEXT_HOST_RELEASE), platform, health, 3);
        // The current host changelog again: the history no longer matches it exactly, so Liquibase runs everywhere.
        TenantMigrations sameRelease = new TenantMigrations(new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG),
                SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog), platform, health, 3);

        nextRelease.migrateAll();
        sameRelease.migrateAll();

        assertThat(tenants).allMatch(tenant -> health.isServed(tenant.workspaceId()));
        var schemaName = DSL.field(DSL.name("table_schema"), String.class);
        List<String> withLockTable = platform.select(schemaName).from(DSL.table(DSL.name("information_schema", "tables")))
                .where(DSL.field(DSL.name("table_name")).eq("databasechangeloglock")).fetch(schemaName);
        assertThat(withLockTable).filteredOn(schema -> platform.fetchExists(DSL.selectOne()
                .from(DSL.table(DSL.name(schema, "databasechangeloglock"))).where(DSL.field(DSL.name("locked")).isTrue())))
                .isEmpty();
    }

    @Test
    void anEditedHostChangesetIsNotUpToDate() throws Exception {
        TenantScope tenant = workspaces.newWorkspace("Edith");
        SchemaMigrator migrator = SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog);
        assertThat(migrator.isUpToDate(platform, tenant.schemaName())).isTrue();

        platform.update(DSL.table(DSL.name(tenant.schemaName(), "databasechangelog")))
                .set(DSL.field(DSL.name("md5sum"), String.class), "9:edited-by-hand")
                .where(DSL.field(DSL.name("id")).eq("create-host-note"))
                .execute();

        assertThat(migrator.isUpToDate(platform, tenant.schemaName())).isFalse();
    }

    @Test
    void aHostChangelogThatIsNotOnTheClasspathStopsStartUpWithOneClearMessage() {
        assertThatThrownBy(() -> SchemaMigrator.forTenants(dataSource, resourceLoader, "db/changelog/host/missing.xml"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("atrium.tenants.host-changelog names db/changelog/host/missing.xml, which is not on the classpath");
    }

    private boolean uniqueTitles(TenantScope tenant) {
        return platform.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("information_schema", "table_constraints")))
                .where(DSL.field(DSL.name("table_schema")).eq(tenant.schemaName()))
                .and(DSL.field(DSL.name("constraint_name")).eq("host_note_title_uk")));
    }
}
