package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;
import static dev.atrium.admin.bench.Stats.max;
import static dev.atrium.admin.bench.Stats.median;
import static dev.atrium.admin.bench.Stats.min;
import static dev.atrium.admin.bench.Stats.ms;
import static dev.atrium.admin.bench.Stats.p90;
import static dev.atrium.admin.bench.Stats.ratio;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.bench.Report;
import dev.atrium.admin.workspace.TestWorkspaceServices;
import dev.atrium.admin.workspace.WorkspaceService;

/**
 * Benchmark of creating workspaces and of start-up, each against a baseline measured in the same run on the same
 * fresh, throw-away embedded PostgreSQL. Not part of the normal build: surefire excludes
 * {@code **}{@code /*Benchmark.java} unless the {@code bench} profile is active. Run from the repository root with
 *
 * <pre>
 * ./mvnw -B -pl tenant-admin -am -Pbench test -Dtest=TenantProvisioningBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * (add {@code -o} to stay offline; {@code -Dbench.tenants=1000} for fewer workspaces than the issue's 10,000). It
 * prints a plain-text report to standard output; it asserts only sanity, never wall-clock times.
 * <ol>
 * <li><b>Creating</b>: {@link WorkspaceService#create} over {@value #MEASURED_CREATES} workspaces after
 * {@value #WARM_UPS} warm-ups, each way — claiming a spare schema from a warm pool (refilled to one spare before each
 * create, outside the timed part), and running the rendered script (no pool) — interleaved with the baseline: the
 * same tenant DDL executed directly in one JDBC transaction (CREATE SCHEMA, the changelogs' statements, the registry
 * row, the owner's member row and membership), statement by statement and, second baseline, in one batch. The DDL is
 * not hand-written: it is the statements of Liquibase's update-sql the provisioner itself runs, without the history
 * table and rows. The refill's time per spare (in the background in production) is reported too.</li>
 * <li><b>Start-up</b>: {@link TenantMigrations#migrateAll()} (platform schema, orphan scan, the registry's one
 * question, nothing to migrate) with 1 workspace and with {@code bench.tenants} workspaces, made through
 * {@link WorkspaceService#create} on {@code bench.fill-threads} threads.</li>
 * <li><b>Migrating</b> all {@code bench.tenants} workspaces after a new changeset (one more table), on
 * {@code bench.migration-threads} threads: {@value #LIQUIBASE_SAMPLE} through Liquibase each, as before, then the
 * others by {@link TenantMigrations#migrateAll()}, which runs the SQL rendered for one of them in the others.</li>
 * </ol>
 */
// One owner makes far more than a person could: the rate limits would stop the measurement.
@SpringBootTest(properties = "atrium.rate-limits.workspaces-per-account-per-day=100000000")
class TenantProvisioningBenchmark {

    static final int WARM_UPS = 5;
    static final int MEASURED_CREATES = 30;
    static final int START_UP_RUNS = 5;
    static final int LIQUIBASE_SAMPLE = 40;
    private static final String NEXT_TENANT_RELEASE = "db/changelog/test/tenant-next-version.xml";

    @Autowired ApplicationContext context;
    @Autowired TenantDsl tenantDsl;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TenantHealth health;
    @Autowired WorkspaceService workspaces;
    @Autowired TestAccounts accounts;
    @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;
    @Value("${bench.tenants:10000}") int tenants;
    @Value("${bench.fill-threads:4}") int fillThreads;
    @Value("${bench.migration-threads:4}") int migrationThreads;

    private final Report report = new Report();

    @Test
    void run() throws Exception {
        report.header("Atrium tenant benchmark", platform, ", pool size %d", poolSize);
        report.rule();
        UUID owner = accounts.newAccount("Bench Owner").id();
        // Start-up with one workspace first, on the fresh database.
        workspaces.create(owner, "The one", TestAccounts.uniqueSlug("one"));
        long[] startUpWithOne = timeStartUps();
        provisioning(owner);
        startUp(owner, startUpWithOne);
        report.print();
    }

    // ---------------------------------------------------------------------------------------------------- part 1

    private void provisioning(UUID owner) throws Exception {
        SchemaMigrator migrator = SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog);
        SchemaScript script = migrator.createScript();
        List<String> ddl = SchemaScript.statements(script.tables() + ";");
        String batch = script.tables();
        TenantProvisioner pool = new TenantProvisioner(migrator, tenantDsl, new TransactionTemplate(transactionManager),
                platform, 1, TenantProvisioner.Steps.NONE);
        WorkspaceService fromPool = TestWorkspaceServices.withProvisioner(context, pool);
        int before = platform.fetchCount(WORKSPACE);

        long[] refill = new long[MEASURED_CREATES];
        for (int i = 0; i < WARM_UPS; i++) {
            timeRefill(pool);
            timeCreate(fromPool, owner);
            timeCreate(workspaces, owner);
            timeBaseline(ddl, owner);
            timeBaseline(List.of(batch), owner);
        }
        long[] claim = new long[MEASURED_CREATES];
        long[] create = new long[MEASURED_CREATES];
        long[] baseline = new long[MEASURED_CREATES];
        long[] baselineBatch = new long[MEASURED_CREATES];
        for (int i = 0; i < MEASURED_CREATES; i++) {
            refill[i] = timeRefill(pool);
            claim[i] = timeCreate(fromPool, owner);
            assertThat(SparePool.names(platform)).as("the create claimed the spare").isEmpty();
            create[i] = timeCreate(workspaces, owner);
            baseline[i] = timeBaseline(ddl, owner);
            baselineBatch[i] = timeBaseline(List.of(batch), owner);
        }
        assertThat(platform.fetchCount(WORKSPACE)).isEqualTo(before + 2 * (WARM_UPS + MEASURED_CREATES));

        line("");
        line("1. Creating: WorkspaceService.create (from a spare, or running the script) vs. the same DDL in one JDBC transaction");
        line("   N = %d measured (after %d warm-ups), interleaved; times in ms", MEASURED_CREATES, WARM_UPS);
        line("   DDL: the %d statements of the provisioner's rendered changelogs (Atrium's and the test host's),", ddl.size());
        line("   without Liquibase's history; every baseline also runs CREATE SCHEMA and inserts the registry row,");
        line("   the owner's member row and membership. create also checks the address and the rate limit, writes the");
        line("   history rows, the changelog version and the first audit event (its chain link), in one transaction;");
        line("   from a spare it claims the pool's row and renames the schema instead of running the DDL and history.");
        line("");
        line("   %-44s %8s %8s %8s %8s", "", "median", "p90", "min", "max");
        row("WorkspaceService.create from a spare", claim);
        row("WorkspaceService.create running the script", create);
        row("baseline: DDL statement by statement", baseline);
        row("baseline: DDL in one batch", baselineBatch);
        row("refill: making one spare (background)", refill);
        line("");
        line("   ratio from a spare / baseline by statement (median)  %8.2f", ratio(median(claim), median(baseline)));
        line("   ratio from a spare / baseline in one batch (median)  %8.2f", ratio(median(claim), median(baselineBatch)));
        line("   ratio from a spare / running the script (median)    %8.2f", ratio(median(claim), median(create)));
        line("   ratio running the script / baseline by statement (median) %8.2f", ratio(median(create), median(baseline)));
        line("   ratio running the script / baseline in one batch (median) %8.2f", ratio(median(create), median(baselineBatch)));
    }

    private long timeCreate(WorkspaceService service, UUID owner) {
        String slug = TestAccounts.uniqueSlug("bench");
        long start = System.nanoTime();
        service.create(owner, "Bench " + slug, slug);
        return System.nanoTime() - start;
    }

    private long timeRefill(TenantProvisioner pool) {
        long start = System.nanoTime();
        assertThat(pool.refillSpares().made()).isOne();
        return System.nanoTime() - start;
    }

    /** Runs the DDL for a fresh workspace schema plus the registration in one transaction, then removes it all. */
    private long timeBaseline(List<String> ddl, UUID owner) throws Exception {
        UUID id = UUID.randomUUID();
        String schema = TenantProvisioner.schemaNameFor(id);
        var tenantSettings = SettingsTools.clone(platform.settings()).withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput(TenantDsl.TEMPLATE_SCHEMA).withOutput(schema)));

        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
                // The changelog names tenant tables unqualified, as under Liquibase.
                statement.execute("SET LOCAL search_path TO " + schema);
                for (String sql : ddl) {
                    statement.execute(sql);
                }
                statement.execute("SET LOCAL search_path TO DEFAULT");
            }
            DSLContext tx = DSL.using(connection, platform.dialect(), platform.settings());
            tx.insertInto(WORKSPACE)
                    .set(WORKSPACE.ID, id)
                    .set(WORKSPACE.SLUG, TestAccounts.uniqueSlug("base"))
                    .set(WORKSPACE.NAME, "Baseline")
                    .set(WORKSPACE.SCHEMA_NAME, schema)
                    .set(WORKSPACE.CREATED_BY, owner)
                    .execute();
            DSL.using(connection, platform.dialect(), tenantSettings).insertInto(MEMBER)
                    .set(MEMBER.ACCOUNT_ID, owner)
                    .set(MEMBER.ROLE_ID, DSL.select(ROLE.ID).from(ROLE).where(ROLE.KEY.eq("owner")))
                    .execute();
            tx.insertInto(WORKSPACE_MEMBERSHIP)
                    .set(WORKSPACE_MEMBERSHIP.WORKSPACE_ID, id)
                    .set(WORKSPACE_MEMBERSHIP.ACCOUNT_ID, owner)
                    .execute();
            connection.commit();
        }
        long elapsed = System.nanoTime() - start;

        // Same end state as create() would give, checked, then removed so that only real workspaces remain.
        assertThat(platform.fetchCount(DSL.table(DSL.name(schema, "role")))).isEqualTo(4);
        assertThat(platform.fetchCount(DSL.table(DSL.name(schema, "member")))).isEqualTo(1);
        platform.deleteFrom(WORKSPACE).where(WORKSPACE.ID.eq(id)).execute();
        platform.dropSchema(DSL.name(schema)).cascade().execute();
        return elapsed;
    }

    // ---------------------------------------------------------------------------------------------------- part 2

    private void startUp(UUID owner, long[] startUpWithOne) throws Exception {
        int existing = platform.fetchCount(WORKSPACE);
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(fillThreads)) {
            List<Future<?>> created = new ArrayList<>();
            for (int i = existing; i < tenants; i++) {
                int n = i;
                created.add(pool.submit(() -> workspaces.create(owner, "Tenant " + n, TestAccounts.uniqueSlug("tenant"))));
            }
            for (Future<?> each : created) {
                each.get();
            }
        }
        long fill = System.nanoTime() - start;
        assertThat(platform.fetchCount(WORKSPACE)).isEqualTo(Math.max(tenants, existing));
        long[] startUpWithMany = timeStartUps();

        SchemaMigrator nextMigrator = new SchemaMigrator(dataSource, resourceLoader, NEXT_TENANT_RELEASE, hostChangelog);
        long byLiquibase = liquibaseEach(nextMigrator);
        TenantMigrations nextRelease = new TenantMigrations(
                new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG), nextMigrator,
                platform, health, migrationThreads);
        start = System.nanoTime();
        TenantMigrations.Outcome outcome = nextRelease.migrateBehind();
        long migrated = System.nanoTime() - start;
        assertThat(outcome.failed()).isZero();
        assertThat(platform.fetchCount(WORKSPACE, WORKSPACE.CHANGELOG_VERSION.ne(nextMigrator.version()))).isZero();
        long[] startUpAfterMigrating = new long[] {timeStartUp(nextRelease)};

        int total = platform.fetchCount(WORKSPACE);
        line("");
        line("2. Start-up: TenantMigrations.migrateAll() with every workspace at the current version");
        line("   (platform schema check, orphan scan, one registry query; %d runs each, times in ms)", START_UP_RUNS);
        line("   %d workspaces made with WorkspaceService.create on %d threads in %.1f s (%.1f ms each)",
                total - existing, fillThreads, fill / 1e9, ms(fill) / Math.max(1, total - existing));
        line("");
        line("   %-44s %8s %8s %8s  %s", "", "median", "min", "max", "runs");
        row2("1 workspace", startUpWithOne);
        row2(String.format(Locale.ROOT, "%,d workspaces", total), startUpWithMany);
        line("");
        line("   ratio %,d / 1 workspace (median)              %8.2f", total, ratio(median(startUpWithMany), median(startUpWithOne)));
        line("");
        line("3. Migrating: a release with one new changeset (one more table), %d threads", migrationThreads);
        line("   Liquibase each (as before), %d workspaces: %.1f s (%.2f ms per workspace)", LIQUIBASE_SAMPLE,
                byLiquibase / 1e9, ms(byLiquibase) / LIQUIBASE_SAMPLE);
        line("   migrateAll, the other %,d behind: %.1f s (%.2f ms per workspace), %,d by the rendered SQL, %d failed",
                outcome.behind(), migrated / 1e9, ms(migrated) / outcome.behind(), outcome.bySql().size(), outcome.failed());
        line("   ratio per workspace, migrateAll / Liquibase each  %8.3f",
                ratio((double) migrated / outcome.behind(), (double) byLiquibase / LIQUIBASE_SAMPLE));
        line("   at this rate 10,000 behind: %.1f s (Liquibase each: %.1f s); the next start-up: %.1f ms",
                migrated / 1e9 / outcome.behind() * 10_000, byLiquibase / 1e9 / LIQUIBASE_SAMPLE * 10_000,
                ms(startUpAfterMigrating[0]));
    }

    /**
     * The way every workspace was migrated before: Liquibase on {@value #LIQUIBASE_SAMPLE} of them, on the same
     * number of threads; recorded at the new version, so that migrateAll leaves them alone.
     */
    private long liquibaseEach(SchemaMigrator nextMigrator) throws Exception {
        Result<Record2<UUID, String>> sample = platform.select(WORKSPACE.ID, WORKSPACE.SCHEMA_NAME).from(WORKSPACE)
                .orderBy(WORKSPACE.SLUG).limit(LIQUIBASE_SAMPLE).fetch();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(migrationThreads)) {
            List<Future<?>> migrated = new ArrayList<>();
            for (Record2<UUID, String> each : sample) {
                migrated.add(pool.submit(() -> nextMigrator.migrate(each.value2())));
            }
            for (Future<?> each : migrated) {
                each.get();
            }
        }
        long elapsed = System.nanoTime() - start;
        platform.update(WORKSPACE).set(WORKSPACE.CHANGELOG_VERSION, nextMigrator.version())
                .where(WORKSPACE.ID.in(sample.map(Record2::value1))).execute();
        return elapsed;
    }

    private long[] timeStartUps() {
        TenantMigrations migrations = new TenantMigrations(
                new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG),
                SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog), platform, health, migrationThreads);
        timeStartUp(migrations);
        long[] runs = new long[START_UP_RUNS];
        for (int run = 0; run < START_UP_RUNS; run++) {
            runs[run] = timeStartUp(migrations);
        }
        return runs;
    }

    private long timeStartUp(TenantMigrations migrations) {
        long start = System.nanoTime();
        int failed = migrations.migrateAll();
        long elapsed = System.nanoTime() - start;
        assertThat(failed).isZero();
        assertThat(health.failures()).isEmpty();
        return elapsed;
    }

    // ---------------------------------------------------------------------------------------------------- report

    private void line(String format, Object... args) {
        report.line(format, args);
    }

    private void row(String label, long[] nanos) {
        line("   %-44s %8.1f %8.1f %8.1f %8.1f", label, ms(median(nanos)), ms(p90(nanos)), ms(min(nanos)), ms(max(nanos)));
    }

    private void row2(String label, long[] nanos) {
        StringBuilder runs = new StringBuilder();
        for (long n : nanos) {
            runs.append(runs.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f", ms(n)));
        }
        line("   %-44s %8.1f %8.1f %8.1f  [%s]", label, ms(median(nanos)), ms(min(nanos)), ms(max(nanos)), runs);
    }
}
