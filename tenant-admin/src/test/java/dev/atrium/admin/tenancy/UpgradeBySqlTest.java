package dev.atrium.admin.tenancy;

import static dev.atrium.admin.tenancy.SchemaAssertions.describe;
import static dev.atrium.admin.tenancy.SchemaAssertions.tableExists;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;
import org.springframework.test.annotation.DirtiesContext;

import dev.atrium.admin.TestWorkspaces;

/**
 * Workspaces behind the current tenant changelogs are brought up at start-up by SQL rendered once per older version,
 * not by Liquibase each: the result must be what Liquibase makes, each workspace changed once even when two nodes
 * start at once, and Liquibase must still take what the SQL cannot do.
 * <p>
 * A database of its own, closed after the class: each release the tests bring up is newer than every workspace in the
 * database, and in the shared one those were all the workspaces the earlier test classes had made (95 s in a CI run).
 */
@SpringBootTest(properties = "atrium.test.database=upgrade-by-sql")
@DirtiesContext
class UpgradeBySqlTest {

    private static final String NEXT_TENANT_RELEASE = "db/changelog/test/tenant-next-version.xml";
    private static final String NEXT_HOST_RELEASE = "db/changelog/test/host-next-version.xml";
    private static final String COUNTED_RELEASE = "db/changelog/test/tenant-next-version-counted.xml";
    private static final int RACE_ROUNDS = 3;
    private static final int RACE_WORKSPACES = 6;

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TenantHealth health;
    @Autowired TestWorkspaces workspaces;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;

    /** A release with a new changeset in Atrium's changelog and one in the host's. */
    @Test
    void workspacesBehindGetTheirVersionsRenderedSqlAndEndAsLiquibaseMakesThem() throws Exception {
        List<TenantScope> tenants = behindAtOneOlderVersion(4, "Jonas");
        SchemaMigrator nextRelease = new SchemaMigrator(dataSource, resourceLoader, NEXT_TENANT_RELEASE, NEXT_HOST_RELEASE);
        String byLiquibase = "lb_probe_" + Long.toHexString(System.nanoTime());
        try {
            nextRelease.update(byLiquibase);
            List<String> expected = describe(platform, byLiquibase);
            assertThat(expected).anyMatch(line -> line.startsWith("history create-startup-probe"));

            TenantMigrations.Outcome outcome = node(nextRelease).migrateBehind();

            // The last of the four is the sample Liquibase migrates; the other three get its SQL.
            assertThat(outcome.bySql()).containsAll(ids(tenants.subList(0, 3))).doesNotContain(tenants.getLast().workspaceId());
            for (TenantScope tenant : tenants) {
                assertThat(describe(platform, tenant.schemaName())).containsExactlyElementsOf(expected);
                assertThat(recordedVersion(tenant.workspaceId())).isEqualTo(nextRelease.version());
                assertThat(health.isServed(tenant.workspaceId())).isTrue();
                // Liquibase finds nothing to do, and the new history rows come after the others, in order.
                assertThat(nextRelease.isUpToDate(platform, tenant.schemaName())).isTrue();
                List<String> history = historyInOrder(tenant.schemaName());
                assertThat(history.subList(history.size() - 2, history.size()))
                        .containsExactly("create-startup-probe", "unique-host-note-title");
                assertThat(platform.fetchValue(DSL.select(DSL.countDistinct(DSL.field(DSL.name("orderexecuted"))))
                        .from(DSL.table(DSL.name(tenant.schemaName(), "databasechangelog"))))).isEqualTo(history.size());
            }
        } finally {
            platform.dropSchemaIfExists(DSL.name(byLiquibase)).cascade().execute();
        }
    }

    /**
     * Where the rendered SQL fails for one workspace (it already has the new table and its history row, by hand), that
     * workspace goes to Liquibase, which finds the changeset applied: the workspace is served, nothing is applied twice.
     */
    @Test
    void aWorkspaceTheSqlFailsForIsMigratedByLiquibase() throws Exception {
        List<TenantScope> tenants = behindAtOneOlderVersion(3, "Kira");
        SchemaMigrator nextRelease = new SchemaMigrator(dataSource, resourceLoader, NEXT_TENANT_RELEASE, hostChangelog);
        // Not the sample, which is the last by id.
        TenantScope ahead = tenants.getFirst();
        nextRelease.update(ahead.schemaName());
        assertThat(recordedVersion(ahead.workspaceId())).isNotEqualTo(nextRelease.version());

        TenantMigrations.Outcome outcome = node(nextRelease).migrateBehind();

        assertThat(outcome.bySql()).contains(tenants.get(1).workspaceId()).doesNotContain(ahead.workspaceId());
        for (TenantScope tenant : tenants) {
            assertThat(health.isServed(tenant.workspaceId())).isTrue();
            assertThat(recordedVersion(tenant.workspaceId())).isEqualTo(nextRelease.version());
            assertThat(nextRelease.isUpToDate(platform, tenant.schemaName())).isTrue();
            assertThat(tableExists(platform, tenant.schemaName(), "startup_probe")).isTrue();
        }
    }

    /**
     * A node starting beside another finds the workspace it would render the SQL for already brought up by that other
     * node (its Liquibase sample, the registry not yet updated): it renders for the one before instead, and the group
     * still gets the SQL, instead of going to Liquibase one by one.
     */
    @Test
    void aSampleAnotherNodeBroughtUpIsPassedOver() throws Exception {
        List<TenantScope> tenants = behindAtOneOlderVersion(4, "Mats");
        SchemaMigrator nextRelease = new SchemaMigrator(dataSource, resourceLoader, NEXT_TENANT_RELEASE, hostChangelog);
        nextRelease.update(tenants.getLast().schemaName());

        TenantMigrations.Outcome outcome = node(nextRelease).migrateBehind();

        // The one brought up and the new sample go to Liquibase; the other two get the SQL.
        assertThat(outcome.bySql()).filteredOn(ids(tenants)::contains).containsExactlyInAnyOrderElementsOf(ids(tenants.subList(0, 2)));
        for (TenantScope tenant : tenants) {
            assertThat(health.isServed(tenant.workspaceId())).isTrue();
            assertThat(recordedVersion(tenant.workspaceId())).isEqualTo(nextRelease.version());
            assertThat(nextRelease.isUpToDate(platform, tenant.schemaName())).isTrue();
        }
    }

    @Test
    void changesetsThatMayRunDifferentlyInEachWorkspaceAreNotRenderedForAll() {
        String schema = workspaces.newWorkspace("Lotte").schemaName();
        for (String release : List.of("db/changelog/test/tenant-next-version-precondition.xml",
                "db/changelog/test/tenant-next-version-outside-transaction.xml")) {
            assertThat(new SchemaMigrator(dataSource, resourceLoader, release, hostChangelog).upgradeScript(schema)).as(release).isEmpty();
        }
        // Nothing pending, nothing to render.
        assertThat(SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog).upgradeScript(schema)).isEmpty();

        SchemaMigrator.Upgrade upgrade = new SchemaMigrator(dataSource, resourceLoader, NEXT_TENANT_RELEASE, hostChangelog)
                .upgradeScript(schema).orElseThrow();
        assertThat(upgrade.script().tables()).containsIgnoringCase("CREATE TABLE startup_probe").doesNotContain(schema);
        assertThat(upgrade.script().historyStatements()).isOne();
        assertThat(upgrade.historyRowsBefore()).isEqualTo(platform.fetchCount(DSL.table(DSL.name(schema, "databasechangelog"))));
        // Rendering changed nothing in the sample.
        assertThat(tableExists(platform, schema, "startup_probe")).isFalse();
    }

    /**
     * Two nodes start at once on the same workspaces behind, with a release whose new changeset would succeed twice
     * (each run adds a row): each workspace gets it exactly once, and none fails.
     */
    @Test
    void twoNodesStartingAtOnceUpgradeEachWorkspaceExactlyOnce() throws Exception {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            List<TenantScope> tenants = behindAtOneOlderVersion(RACE_WORKSPACES, "Twin " + round);
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<TenantMigrations.Outcome>> nodes;
            try (ExecutorService starts = Executors.newFixedThreadPool(2)) {
                nodes = IntStream.range(0, 2).mapToObj(i -> starts.submit(() -> {
                    TenantMigrations node = node(new SchemaMigrator(dataSource, resourceLoader, COUNTED_RELEASE, hostChangelog));
                    together.await();
                    return node.migrateBehind();
                })).toList();
            }
            int bySql = 0;
            for (Future<TenantMigrations.Outcome> node : nodes) {
                bySql += (int) node.get().bySql().stream().filter(ids(tenants)::contains).count();
            }
            assertThat(bySql).as("round %d", round).isPositive();
            String version = new SchemaMigrator(dataSource, resourceLoader, COUNTED_RELEASE, hostChangelog).version();
            for (TenantScope tenant : tenants) {
                String schema = tenant.schemaName();
                assertThat(platform.fetchCount(DSL.table(DSL.name(schema, "upgrade_run")))).as("round %d, %s", round, schema).isOne();
                assertThat(platform.fetchCount(DSL.table(DSL.name(schema, "databasechangelog")),
                        DSL.field(DSL.name("id")).eq("count-upgrade-runs"))).as("round %d, %s", round, schema).isOne();
                assertThat(health.isServed(tenant.workspaceId())).isTrue();
                assertThat(recordedVersion(tenant.workspaceId())).isEqualTo(version);
            }
        }
    }

    /**
     * New workspaces, recorded at a version of their own, so that they are one group behind with one sample (the
     * last by id, as PostgreSQL orders them, returned last).
     */
    private List<TenantScope> behindAtOneOlderVersion(int count, String owner) {
        List<TenantScope> tenants = IntStream.range(0, count).mapToObj(i -> workspaces.newWorkspace(owner + " " + i))
                .sorted(Comparator.comparing(tenant -> tenant.workspaceId().toString())).toList();
        platform.update(WORKSPACE).set(WORKSPACE.CHANGELOG_VERSION, "older-" + UUID.randomUUID())
                .where(WORKSPACE.ID.in(tenants.stream().map(TenantScope::workspaceId).toList())).execute();
        return tenants;
    }

    private static List<UUID> ids(List<TenantScope> tenants) {
        return tenants.stream().map(TenantScope::workspaceId).toList();
    }

    private TenantMigrations node(SchemaMigrator tenantMigrator) {
        return new TenantMigrations(new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG),
                tenantMigrator, platform, health, 3);
    }

    private String recordedVersion(UUID workspaceId) {
        return platform.fetchValue(WORKSPACE.CHANGELOG_VERSION, WORKSPACE.ID.eq(workspaceId));
    }

    private List<String> historyInOrder(String schema) {
        return platform.select(DSL.field(DSL.name("id"), String.class)).from(DSL.table(DSL.name(schema, "databasechangelog")))
                .orderBy(DSL.field(DSL.name("orderexecuted"))).fetch(0, String.class);
    }
}
