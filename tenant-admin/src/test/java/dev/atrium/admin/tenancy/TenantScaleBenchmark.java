package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static dev.atrium.admin.bench.Stats.median;
import static dev.atrium.admin.bench.Stats.ms;
import static dev.atrium.admin.bench.Stats.p90;
import static dev.atrium.admin.bench.Stats.ratio;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.bench.Report;
import dev.atrium.admin.member.MemberFilter;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.workspace.TestWorkspaceServices;
import dev.atrium.admin.workspace.WorkspaceService;

/**
 * Creating, starting up and migrating at a real {@code bench.tenants} workspaces (default 10,000), each against the
 * same at 1 workspace, in one run on one embedded PostgreSQL (zonky's defaults: fsync and synchronous_commit off) with
 * {@code pg_stat_statements} loaded. Not part of the normal build (see {@link TenantProvisioningBenchmark}):
 *
 * <pre>
 * ./mvnw -B -ntp -o -pl tenant-admin -am -Pbench test -Dtest=TenantScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * <ol>
 * <li>Create: {@link WorkspaceService#create} {@value #PROBES} times one after the other, running the script and
 * claiming a spare, at 1 workspace, then at each size of {@code bench.sizes} (100, 1,000, 3,000) on the way up and at {@code bench.tenants}.</li>
 * <li>The fill between: real workspaces, through {@link WorkspaceService#create} on {@code bench.fill-threads}
 * threads, with its rate per step and the statements that took longest per call in each step.</li>
 * <li>Serving: a members page of every workspace on one fresh connection, and the memory its backend keeps.</li>
 * <li>Start-up ({@link TenantMigrations#migrateAll()}, nothing behind) at 1 and at {@code bench.tenants}.</li>
 * <li>Migrating all of them after a release with one new changeset on {@code bench.migration-threads} threads.</li>
 * </ol>
 * {@code -Dbench.shared-buffers=2GB} sets PostgreSQL's {@code shared_buffers} (its default otherwise), to compare a
 * run whose catalogs outgrow the buffers with one whose do not. The report also goes to
 * {@code target/bench/tenant-scale.txt}.
 */
@SpringBootTest(properties = "atrium.rate-limits.workspaces-per-account-per-day=100000000")
class TenantScaleBenchmark {

    static final int PROBES = 20;
    static final int START_UP_RUNS = 9;
    private static final String NEXT_TENANT_RELEASE = "db/changelog/test/tenant-next-version.xml";

    private static EmbeddedPostgres postgres;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.track", "all");
        String sharedBuffers = System.getProperty("bench.shared-buffers");
        if (sharedBuffers != null) {
            builder.setServerConfig("shared_buffers", sharedBuffers);
        }
        postgres = builder.start();
        registry.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @Autowired ApplicationContext context;
    @Autowired TenantDsl tenantDsl;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TenantHealth health;
    @Autowired WorkspaceService workspaces;
    @Autowired TenantBinder binder;
    @Autowired MemberService members;
    @Autowired TestAccounts accounts;
    @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;
    @Value("${bench.tenants:10000}") int tenants;
    @Value("${bench.fill-threads:4}") int fillThreads;
    @Value("${bench.fill-step:1000}") int fillStep;
    @Value("${bench.migration-threads:4}") int migrationThreads;
    @Value("${bench.sizes:100,1000,3000}") int[] sizes;

    private final Report report = new Report();
    private WorkspaceService fromSpare;
    private TenantProvisioner pool;
    private UUID owner;

    @Test
    void run() throws Exception {
        report.header("Atrium at many workspaces", platform, ", pool size %d, %d fill threads", poolSize, fillThreads);
        line("  load average at start: %s", loadAverage());
        report.rule();
        platform.execute("create extension if not exists pg_stat_statements");
        SchemaMigrator migrator = SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog);
        pool = new TenantProvisioner(migrator, tenantDsl, new TransactionTemplate(transactionManager), platform, 1,
                TenantProvisioner.Steps.NONE);
        fromSpare = TestWorkspaceServices.withProvisioner(context, pool);
        owner = accounts.newAccount("Bench Owner").id();

        workspaces.create(owner, "The one", TestAccounts.uniqueSlug("one"));
        line("  one workspace's schema in the catalogs: %s", platform.resultQuery("""
                select format('%s relations, %s columns, %s constraints, %s triggers',
                    (select count(*) from pg_class c where c.relnamespace = n.oid),
                    (select count(*) from pg_attribute a join pg_class c on c.oid = a.attrelid where c.relnamespace = n.oid),
                    (select count(*) from pg_constraint k where k.connamespace = n.oid),
                    (select count(*) from pg_trigger t join pg_class c on c.oid = t.tgrelid where c.relnamespace = n.oid))
                from pg_namespace n where n.nspname = (select schema_name from platform.workspace limit 1)""").fetchSingle(0, String.class));
        long[] startUpWithOne = timeStartUps();
        TreeMap<Integer, long[][]> creates = new TreeMap<>();
        probe(creates);

        line("");
        line("Fill: WorkspaceService.create (running the script) on %d threads; per step the rate and the statements", fillThreads);
        line("with the highest mean time (pg_stat_statements, reset each step)");
        for (int size : sizes) {
            if (size < tenants) {
                fill(size);
                probe(creates);
            }
        }
        fill(tenants);
        probe(creates);
        probeOnFreshConnections();
        int total = count();
        serve();
        long[] startUpWithMany = timeStartUps();
        line("  load average after the fill: %s", loadAverage());

        line("");
        line("1. Create: WorkspaceService.create, %d one after the other at each size (ms; median, p90)", PROBES);
        line("   %10s %18s %18s", "workspaces", "running the script", "from a spare");
        long[][] first = creates.firstEntry().getValue();
        creates.forEach((size, times) -> line("   %,10d %8.1f %8.1f  %8.1f %8.1f", size, ms(median(times[0])), ms(p90(times[0])),
                ms(median(times[1])), ms(p90(times[1]))));
        long[][] last = creates.lastEntry().getValue();
        line("   ratio at %,d / at %,d (median): running the script %.2f, from a spare %.2f", creates.lastKey(),
                creates.firstKey(), ratio(median(last[0]), median(first[0])), ratio(median(last[1]), median(first[1])));
        creates.forEach((size, times) -> {
            if (size >= 100 && size <= 3_000) {
                line("   ratio at %,d / at %,d (median): running the script %.2f", size, creates.firstKey(),
                        ratio(median(times[0]), median(first[0])));
            }
        });

        line("");
        line("2. Start-up: TenantMigrations.migrateAll() with every workspace current (%d runs each, ms)", START_UP_RUNS);
        line("   1 workspace: median %.1f %s", ms(median(startUpWithOne)), runs(startUpWithOne));
        line("   %,d workspaces: median %.1f %s", total, ms(median(startUpWithMany)), runs(startUpWithMany));
        line("   ratio %,d / 1 (median) %.2f", total, ratio(median(startUpWithMany), median(startUpWithOne)));

        migrate(total);
        line("  load average at the end: %s", loadAverage());
        report.print(Path.of("target", "bench", "tenant-scale.txt"));
    }

    /** Creates workspaces on the fill threads until there are {@code size}, reporting each step. */
    private void fill(int size) throws Exception {
        int from = count();
        while (from < size) {
            int to = Math.min(size, from + fillStep);
            reset();
            long start = System.nanoTime();
            AtomicInteger made = new AtomicInteger();
            try (ExecutorService threads = Executors.newFixedThreadPool(fillThreads)) {
                List<Future<?>> created = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    int n = i;
                    created.add(threads.submit(() -> {
                        workspaces.create(owner, "Tenant " + n, TestAccounts.uniqueSlug("tenant"));
                        made.incrementAndGet();
                    }));
                }
                for (Future<?> each : created) {
                    each.get();
                }
            }
            long elapsed = System.nanoTime() - start;
            line("  %,6d -> %,6d: %6.1f workspaces/s (%.1f ms each), load %s", from, to, made.get() / (elapsed / 1e9),
                    ms(elapsed) / made.get(), loadAverage());
            topStatements();
            line("      a pooled backend's catalog cache: %s", platform.fetchValue(
                    "select pg_size_pretty(sum(total_bytes)) from pg_backend_memory_contexts where name = 'CacheMemoryContext'"));
            from = count();
        }
    }

    /**
     * A members page (its count and first rows, as the grid asks) of every workspace, one after the other on one
     * connection, and what its backend keeps afterwards: PostgreSQL never evicts the catalog entries a backend cached,
     * so a pooled connection's memory grows with the number of workspaces it served until the pool retires it. The
     * connection is a fresh one, bound to this thread for the services' transactions and their statements alike.
     */
    private void serve() throws SQLException {
        List<String> slugs = platform.select(WORKSPACE.SLUG).from(WORKSPACE).fetch(WORKSPACE.SLUG);
        try (Connection fresh = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"))) {
            TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(fresh));
            try {
                long[] before = backendMemory();
                long start = System.nanoTime();
                for (String slug : slugs) {
                    TenantScope scope = binder.bind(owner, slug);
                    members.count(scope, MemberFilter.NONE);
                    members.page(scope, MemberFilter.NONE, new PageRequest(0, 50, List.of()));
                }
                long elapsed = System.nanoTime() - start;
                long[] after = backendMemory();
                line("  serving: a members page of each of %,d workspaces on one fresh connection, %.2f ms each; its backend's"
                        + " catalog cache %,d -> %,d KiB, all its memory %,d -> %,d KiB: %.1f KiB more per workspace served",
                        slugs.size(), ms(elapsed) / slugs.size(), before[0] >> 10, after[0] >> 10, before[1] >> 10,
                        after[1] >> 10, (after[1] - before[1]) / 1024.0 / slugs.size());
            } finally {
                TransactionSynchronizationManager.unbindResource(dataSource);
            }
        }
    }

    /** The current backend's catalog cache (its memory context with every context under it) [0], and all its memory [1]. */
    private long[] backendMemory() {
        var memory = platform.fetchSingle("""
                select (select sum(m.total_bytes) from pg_backend_memory_contexts m
                        where m.path @> array[(select c.path[c.level] from pg_backend_memory_contexts c
                                               where c.name = 'CacheMemoryContext')]) as cache,
                       (select sum(total_bytes) from pg_backend_memory_contexts) as everything""");
        return new long[] {memory.get("cache", Long.class), memory.get("everything", Long.class)};
    }

    /** {@value #PROBES} creates, one after the other, each way: [0] running the script, [1] from a spare. */
    private void probe(TreeMap<Integer, long[][]> creates) {
        int size = count();
        long[] catalogBlocksBefore = catalogBlocks();
        long[][] times = probe();
        long[] catalogBlocksAfter = catalogBlocks();
        creates.put(size, times);
        line("  create at %,d: running the script median %.1f ms, from a spare %.1f ms", size, ms(median(times[0])),
                ms(median(times[1])));
        line("      catalogs %s (shared_buffers %s); catalog blocks the probe read from outside shared buffers: %,d of %,d",
                platform.fetchValue("select pg_size_pretty(sum(pg_total_relation_size(relid))) from pg_statio_sys_tables"),
                platform.fetchValue("show shared_buffers"), catalogBlocksAfter[0] - catalogBlocksBefore[0],
                catalogBlocksAfter[1] - catalogBlocksBefore[1]);
    }

    /**
     * The probe again after the pool's connections were replaced: the fill's connections each cached the catalog
     * entries of every workspace they touched, a new one only what the probe touches.
     */
    private void probeOnFreshConnections() throws SQLException {
        int size = count();
        dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
        long[][] times = probe();
        line("  create at %,d on fresh connections (the pool's replaced first): running the script median %.1f ms, from a spare %.1f ms",
                size, ms(median(times[0])), ms(median(times[1])));
    }

    /** Catalog blocks read so far, from outside shared buffers [0] and in all [1] (heap and indexes). */
    private long[] catalogBlocks() {
        var blocks = platform.fetchSingle("""
                select sum(heap_blks_read + coalesce(idx_blks_read, 0)) as outside,
                       sum(heap_blks_read + heap_blks_hit + coalesce(idx_blks_read, 0) + coalesce(idx_blks_hit, 0)) as total
                from pg_statio_sys_tables""");
        return new long[] {blocks.get("outside", Long.class), blocks.get("total", Long.class)};
    }

    private long[][] probe() {
        long[][] times = new long[2][PROBES];
        for (int i = 0; i < PROBES; i++) {
            times[0][i] = timeCreate(workspaces);
            pool.refillSpares();
            times[1][i] = timeCreate(fromSpare);
        }
        return times;
    }

    private long timeCreate(WorkspaceService service) {
        String slug = TestAccounts.uniqueSlug("probe");
        long start = System.nanoTime();
        service.create(owner, "Probe " + slug, slug);
        return System.nanoTime() - start;
    }

    private void migrate(int total) {
        SchemaMigrator next = new SchemaMigrator(dataSource, resourceLoader, NEXT_TENANT_RELEASE, hostChangelog);
        TenantMigrations nextRelease = new TenantMigrations(
                new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG), next, platform, health,
                migrationThreads);
        long start = System.nanoTime();
        TenantMigrations.Outcome outcome = nextRelease.migrateBehind();
        long elapsed = System.nanoTime() - start;
        assertThat(outcome.failed()).isZero();
        assertThat(platform.fetchCount(WORKSPACE, WORKSPACE.CHANGELOG_VERSION.ne(next.version()))).isZero();
        line("");
        line("3. Migrating: a release with one new changeset (one more table), migrateAll on %d threads", migrationThreads);
        line("   %,d of %,d behind: %.1f s (%.2f ms per workspace), %,d by the rendered SQL, %d failed", outcome.behind(), total,
                elapsed / 1e9, ms(elapsed) / outcome.behind(), outcome.bySql().size(), outcome.failed());
    }

    private long[] timeStartUps() {
        TenantMigrations migrations = new TenantMigrations(
                new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG),
                SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog), platform, health, migrationThreads);
        for (int warmUp = 0; warmUp < 3; warmUp++) {
            migrations.migrateAll();
        }
        reset();
        long[] runs = new long[START_UP_RUNS];
        for (int run = 0; run < START_UP_RUNS; run++) {
            long start = System.nanoTime();
            assertThat(migrations.migrateAll()).isZero();
            runs[run] = System.nanoTime() - start;
        }
        line("  start-up at %,d: median %.1f ms %s; its statements:", count(), ms(median(runs)), runs(runs));
        topStatements();
        return runs;
    }

    private int count() {
        return platform.fetchCount(WORKSPACE);
    }

    private void reset() {
        platform.execute("select pg_stat_statements_reset()");
    }

    private void topStatements() {
        platform.resultQuery("""
                select calls, round(mean_exec_time::numeric, 2) as mean, round(total_exec_time::numeric) as total,
                       left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query
                from pg_stat_statements where query not like '%pg_stat_statements%'
                order by total_exec_time desc limit 6""").fetch().forEach(r -> line("      %7d calls %9.2f ms mean %8d ms total  %s",
                r.get("calls", Long.class), r.get("mean", Double.class), r.get("total", Long.class), r.get("query", String.class)));
    }

    private static String runs(long[] nanos) {
        StringBuilder text = new StringBuilder();
        for (long n : nanos) {
            text.append(text.isEmpty() ? "[" : ", ").append(String.format(Locale.ROOT, "%.1f", ms(n)));
        }
        return text.append(']').toString();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A line of the report, printed at once too: a long run can be followed, and stopped with what it measured. */
    private void line(String format, Object... args) {
        report.line(format, args);
        System.out.printf(Locale.ROOT, "bench| " + format + "%n", args);
    }
}
