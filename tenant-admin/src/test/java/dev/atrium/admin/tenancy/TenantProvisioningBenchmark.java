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

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.bench.Report;
import dev.atrium.admin.workspace.WorkspaceService;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.integration.spring.SpringResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Benchmark of tenant provisioning and of start-up migration, each against a baseline measured in the same run on
 * the same fresh, throw-away embedded PostgreSQL. Not part of the normal build: surefire excludes
 * {@code **}{@code /*Benchmark.java} unless the {@code bench} profile is active. Run from the repository root with
 *
 * <pre>
 * ./mvnw -B -pl tenant-admin -am -Pbench test -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * (add {@code -o} to stay offline). It prints a plain-text report to standard output; it asserts only sanity (every
 * workspace created, every tenant migrated, none failed), never wall-clock times.
 * <ol>
 * <li><b>Provisioning</b>: {@link WorkspaceService#create} over {@value #MEASURED_CREATES} workspaces after
 * {@value #WARM_UPS} warm-ups, interleaved with the baseline: the same tenant DDL executed directly in one JDBC
 * transaction (CREATE SCHEMA, the statements of the tenant changelog, the registry row and the owner), then
 * committed. The DDL is not hand-written: it is Liquibase's update-sql output for the tenant changelog against a
 * scratch schema, with the scratch schema's name replaced by each workspace's. Liquibase's own bookkeeping
 * statements (databasechangelog, databasechangeloglock) are reported as a second baseline that includes them.</li>
 * <li><b>Start-up</b> with {@value #TENANTS} tenants: {@link TenantMigrations#migrateAll()} with the real
 * changelogs on 1 and on 4 threads, against the time of one plain query per tenant on one connection.</li>
 * </ol>
 */
// One owner makes far more than a person could: the rate limits would stop the measurement.
@SpringBootTest(properties = "atrium.rate-limits.workspaces-per-account-per-day=1000000")
class TenantProvisioningBenchmark {

    static final int WARM_UPS = 3;
    static final int MEASURED_CREATES = 30;
    static final int TENANTS = 200;
    static final int MIGRATE_ALL_RUNS = 3;
    static final int BASELINE_QUERY_RUNS = 5;

    /** The scratch schema update-sql is generated for; a name no real object or value contains. */
    private static final String SCRATCH_SCHEMA = "atrium_bench_scratch";

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TenantHealth health;
    @Autowired WorkspaceService workspaces;
    @Autowired TestAccounts accounts;
    @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize;

    private final Report report = new Report();

    @Test
    void run() throws Exception {
        report.header("Atrium tenant benchmark", platform, ", pool size %d", poolSize);
        report.rule();
        provisioning();
        startUp();
        report.print();
    }

    // ---------------------------------------------------------------------------------------------------- part 1

    private void provisioning() throws Exception {
        Script script = updateSql();
        UUID owner = accounts.newAccount("Bench Owner").id();

        for (int i = 0; i < WARM_UPS; i++) {
            timeCreate(owner);
            timeBaseline(script.tenantOnly(), owner);
            timeBaseline(script.all(), owner);
        }
        long[] create = new long[MEASURED_CREATES];
        long[] baseline = new long[MEASURED_CREATES];
        long[] baselineWithBookkeeping = new long[MEASURED_CREATES];
        for (int i = 0; i < MEASURED_CREATES; i++) {
            create[i] = timeCreate(owner);
            baseline[i] = timeBaseline(script.tenantOnly(), owner);
            baselineWithBookkeeping[i] = timeBaseline(script.all(), owner);
        }
        assertThat(platform.fetchCount(WORKSPACE)).isEqualTo(WARM_UPS + MEASURED_CREATES);

        line("");
        line("1. Provisioning: WorkspaceService.create vs. the same DDL in one JDBC transaction");
        line("   N = %d measured (after %d warm-ups), interleaved; times in ms", MEASURED_CREATES, WARM_UPS);
        line("   baseline DDL from Liquibase update-sql: %d tenant statements + %d Liquibase bookkeeping",
                script.tenantOnly().size(), script.all().size() - script.tenantOnly().size());
        line("   every baseline also runs CREATE SCHEMA and inserts the registry row, member and membership");
        line("");
        line("   %-44s %8s %8s %8s %8s", "", "median", "p90", "min", "max");
        row("WorkspaceService.create", create);
        row("baseline: tenant DDL, one transaction", baseline);
        row("baseline + Liquibase bookkeeping DDL/rows", baselineWithBookkeeping);
        line("");
        line("   ratio create / baseline (median)              %8.2f", ratio(median(create), median(baseline)));
        line("   ratio create / baseline (p90)                 %8.2f", ratio(p90(create), p90(baseline)));
        line("   ratio create / baseline + bookkeeping (median) %7.2f",
                ratio(median(create), median(baselineWithBookkeeping)));
    }

    private long timeCreate(UUID owner) {
        String slug = TestAccounts.uniqueSlug("bench");
        long start = System.nanoTime();
        workspaces.create(owner, "Bench " + slug, slug);
        return System.nanoTime() - start;
    }

    /** Runs the DDL for a fresh workspace schema plus the registration in one transaction, then removes it all. */
    private long timeBaseline(List<String> ddl, UUID owner) throws Exception {
        UUID id = UUID.randomUUID();
        String schema = TenantProvisioner.schemaNameFor(id);
        List<String> statements = ddl.stream().map(s -> s.replace(SCRATCH_SCHEMA, schema)).toList();
        var tenantSettings = SettingsTools.clone(platform.settings()).withRenderMapping(new RenderMapping()
                .withSchemata(new MappedSchema().withInput(TenantDsl.TEMPLATE_SCHEMA).withOutput(schema)));

        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA " + schema);
                // The changelog's subqueries name tenant tables unqualified, as under Liquibase.
                statement.execute("SET LOCAL search_path TO " + schema);
                for (String sql : statements) {
                    statement.execute(sql);
                }
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

    /** update-sql of the tenant changelog for the empty scratch schema: all statements, and those of the tenant. */
    private record Script(List<String> all, List<String> tenantOnly) {
    }

    private Script updateSql() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            DSL.using(connection).createSchema(DSL.name(SCRATCH_SCHEMA)).execute();
            try {
                connection.setSchema(SCRATCH_SCHEMA);
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                database.setDefaultSchemaName(SCRATCH_SCHEMA);
                database.setLiquibaseSchemaName(SCRATCH_SCHEMA);
                Scope.child(Map.of(
                        Scope.Attr.resourceAccessor.name(), new SpringResourceAccessor(resourceLoader),
                        Scope.Attr.ui.name(), new LoggerUIService()), () -> new CommandScope(UpdateSqlCommandStep.COMMAND_NAME)
                        .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                        .addArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG, TenantMigrations.TENANT_CHANGELOG)
                        .setOutput(out)
                        .execute());
            } finally {
                DSL.using(connection).dropSchemaIfExists(DSL.name(SCRATCH_SCHEMA)).cascade().execute();
            }
        }
        List<String> all = statements(out.toString(StandardCharsets.UTF_8));
        List<String> tenantOnly = all.stream()
                .filter(s -> !s.toLowerCase(Locale.ROOT).contains("databasechangelog"))
                .toList();
        if (tenantOnly.isEmpty() || tenantOnly.stream().noneMatch(s -> s.contains(SCRATCH_SCHEMA + "."))) {
            throw new IllegalStateException("Unexpected update-sql output:\n" + out.toString(StandardCharsets.UTF_8));
        }
        return new Script(all, tenantOnly);
    }

    /**
     * Liquibase writes one statement per line group, ended by ';' at the end of a line, with '--' comment lines; a
     * function body between $$ quotes holds ';' lines of its own, so a statement ends only outside such quotes.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.lines().filter(l -> !l.strip().startsWith("--")).toList()) {
            current.append(line).append('\n');
            boolean insideDollarQuotes = current.toString().split("\\$\\$", -1).length % 2 == 0;
            if (line.strip().endsWith(";") && !insideDollarQuotes) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("Unterminated statement in update-sql output: " + current);
        }
        return statements;
    }

    // ---------------------------------------------------------------------------------------------------- part 2

    private void startUp() throws Exception {
        UUID owner = accounts.newAccount("Bench Tenant Owner").id();
        int existing = platform.fetchCount(WORKSPACE);
        long start = System.nanoTime();
        for (int i = existing; i < TENANTS; i++) {
            String slug = TestAccounts.uniqueSlug("tenant");
            workspaces.create(owner, "Tenant " + i, slug);
        }
        long fill = System.nanoTime() - start;
        List<String> schemas = platform.select(WORKSPACE.SCHEMA_NAME).from(WORKSPACE).fetch(WORKSPACE.SCHEMA_NAME);
        assertThat(schemas).hasSize(TENANTS);

        long[] plainQuery = new long[BASELINE_QUERY_RUNS];
        for (int run = 0; run < BASELINE_QUERY_RUNS; run++) {
            plainQuery[run] = timePlainQueries(schemas);
        }
        long[] oneThread = new long[MIGRATE_ALL_RUNS];
        long[] fourThreads = new long[MIGRATE_ALL_RUNS];
        for (int run = 0; run < MIGRATE_ALL_RUNS; run++) {
            oneThread[run] = timeMigrateAll(1);
            fourThreads[run] = timeMigrateAll(4);
        }

        line("");
        line("2. Start-up: TenantMigrations.migrateAll() with %d up-to-date tenants, real changelogs", TENANTS);
        line("   (%d tenants topped up with WorkspaceService.create in %.1f s; times in ms)", TENANTS - existing,
                fill / 1e9);
        line("   migrateAll includes the platform schema and the orphan scan; runs alternate 1 and 4 threads");
        line("");
        line("   %-44s %8s %8s %8s  %s", "", "median", "min", "max", "runs");
        row2("migrateAll, 1 thread", oneThread);
        row2("migrateAll, 4 threads", fourThreads);
        row2("baseline: SELECT count(*) per tenant, 1 conn", plainQuery);
        line("");
        line("   per tenant, median: 1 thread %.2f ms, 4 threads %.2f ms, baseline %.3f ms",
                ms(median(oneThread)) / TENANTS, ms(median(fourThreads)) / TENANTS, ms(median(plainQuery)) / TENANTS);
        line("   ratio migrateAll(1 thread) / baseline (median)  %8.1f", ratio(median(oneThread), median(plainQuery)));
        line("   ratio migrateAll(4 threads) / baseline (median) %8.1f", ratio(median(fourThreads), median(plainQuery)));
        line("   speed-up 1 -> 4 threads (median)                %8.2f", ratio(median(oneThread), median(fourThreads)));
        line("   sanity: %d tenants migrated per run, 0 failed, %d unhealthy", TENANTS, health.failures().size());
    }

    private long timeMigrateAll(int threads) {
        TenantMigrations migrations = new TenantMigrations(
                new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG),
                new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.TENANT_CHANGELOG),
                platform, health, threads);
        long start = System.nanoTime();
        int failed = migrations.migrateAll();
        long elapsed = System.nanoTime() - start;
        assertThat(failed).as("tenants failed to migrate on %d threads", threads).isZero();
        assertThat(health.failures()).isEmpty();
        assertThat(platform.fetchCount(WORKSPACE)).isEqualTo(TENANTS);
        return elapsed;
    }

    private long timePlainQueries(List<String> schemas) throws Exception {
        java.util.Set<Long> changesetsPerTenant = new java.util.HashSet<>();
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String schema : schemas) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + schema + ".databasechangelog")) {
                    rs.next();
                    changesetsPerTenant.add(rs.getLong(1));
                }
            }
        }
        long elapsed = System.nanoTime() - start;
        assertThat(changesetsPerTenant).as("every tenant has the same changesets applied").singleElement()
                .satisfies(count -> assertThat(count).isPositive());
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
