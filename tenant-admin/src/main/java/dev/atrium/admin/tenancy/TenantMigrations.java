package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;

import dev.atrium.admin.config.AtriumProperties;

/**
 * At start-up, before the application serves anything: migrates the platform schema, then asks the registry in one
 * query which workspaces are not at the tenant changelogs' current version (Atrium's, then the host application's,
 * {@code atrium.tenants.host-changelog}) and migrates only those, in parallel on a bounded pool, recording the version
 * of each that succeeded. So start-up does not grow with the number of workspaces, only with the number behind.
 * <p>
 * Liquibase is not run for each of them (~145 ms a schema): per older version recorded, one workspace is migrated by
 * Liquibase, the SQL of what it lacked rendered for it just before ({@link SchemaMigrator#upgradeScript}), and the
 * others of that version get that SQL, each in one transaction that holds the schema's migration lock and finds the
 * registry still at the old version ({@link SchemaMigrator#upgrade}). Liquibase migrates a workspace whose version is
 * unknown, whose version's changes cannot run as plain SQL, and one the SQL failed for.
 * <p>
 * A workspace whose migration fails, Atrium's or the host's, is logged and refused (see {@link TenantHealth}), and
 * stays behind to be tried again at the next start-up.
 */
@Component
public class TenantMigrations implements SmartInitializingSingleton {

    static final String PLATFORM_SCHEMA = "platform";
    static final String PLATFORM_CHANGELOG = "db/changelog/platform/master.xml";
    static final String TENANT_CHANGELOG = "db/changelog/tenant/master.xml";

    private static final Logger log = LoggerFactory.getLogger(TenantMigrations.class);

    /** How many of a group's workspaces, last first, are tried as the sample to render its SQL for. */
    private static final int SAMPLES_TRIED = 3;

    private final SchemaMigrator platformMigrator;
    private final SchemaMigrator tenantMigrator;
    private final DSLContext platform;
    private final TenantHealth health;
    private final int threads;

    /** Each workspace's migration at start-up (count and duration), and those that failed. */
    private record Meters(Timer migrations, Counter failures) {
        static Meters of(MeterRegistry registry) {
            return new Meters(Timer.builder("atrium.workspace.migrations").description("Workspace schema migrations").register(registry),
                    Counter.builder("atrium.workspace.migration.failures").description("Workspace schema migrations that failed")
                            .register(registry));
        }
    }

    private Meters meters = Meters.of(Metrics.globalRegistry);

    @Autowired
    TenantMigrations(DataSource dataSource, ResourceLoader resourceLoader, DSLContext platform, TenantHealth health,
            AtriumProperties properties, ObjectProvider<MeterRegistry> registry) {
        this(new SchemaMigrator(dataSource, resourceLoader, PLATFORM_CHANGELOG),
                SchemaMigrator.forTenants(dataSource, resourceLoader, properties.tenants().hostChangelog()), platform, health,
                properties.tenants().migrationThreads());
        this.meters = Meters.of(registry.getIfAvailable(() -> Metrics.globalRegistry));
    }

    TenantMigrations(SchemaMigrator platformMigrator, SchemaMigrator tenantMigrator, DSLContext platform,
            TenantHealth health, int threads) {
        this.platformMigrator = platformMigrator;
        this.tenantMigrator = tenantMigrator;
        this.platform = platform;
        this.health = health;
        this.threads = Math.max(1, threads);
    }

    @Override
    public void afterSingletonsInstantiated() {
        migrateAll();
    }

    /**
     * Migrates the platform schema and then every workspace not at the current version; a workspace that fails is
     * refused, one that succeeds is served again. Returns how many failed.
     */
    public int migrateAll() {
        return migrateBehind().failed();
    }

    /** What {@link #migrateAll()} did: how many workspaces were behind, those its rendered SQL brought up, how many failed. */
    record Outcome(int behind, Set<UUID> bySql, int failed) {
    }

    Outcome migrateBehind() {
        long start = System.nanoTime();
        platformMigrator.migrate(PLATFORM_SCHEMA);
        dropOrphanedSchemas();
        String version = tenantMigrator.version();
        List<Tenant> tenants = platform.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.SCHEMA_NAME, WORKSPACE.CHANGELOG_VERSION)
                .from(WORKSPACE)
                // IS DISTINCT FROM, spelled so that the version's index serves it: nothing but what is behind is read.
                .where(WORKSPACE.CHANGELOG_VERSION.lt(version).or(WORKSPACE.CHANGELOG_VERSION.gt(version))
                        .or(WORKSPACE.CHANGELOG_VERSION.isNull()))
                .orderBy(WORKSPACE.ID)
                .fetch(r -> new Tenant(r.value1(), r.value2(), r.value3(), r.value4()));
        // Workspaces recorded at one older version have one history: the SQL that brings one up brings them all. One
        // from before versions were recorded has none: it is looked at once by Liquibase (skipped when its history
        // is already complete), then recorded.
        Map<String, List<Tenant>> byVersion = new LinkedHashMap<>();
        List<Tenant> byLiquibase = new ArrayList<>();
        for (Tenant tenant : tenants) {
            if (tenant.version() == null) {
                byLiquibase.add(tenant);
            } else {
                byVersion.computeIfAbsent(tenant.version(), v -> new ArrayList<>()).add(tenant);
            }
        }
        Counts counts = new Counts(new AtomicInteger(), ConcurrentHashMap.newKeySet());
        try (ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("tenant-migration-", 1).factory())) {
            List<List<Tenant>> groups = List.copyOf(byVersion.values());
            // Rendered before the pool's Liquibase updates start, which a rendering would wait for (SchemaMigrator).
            List<Rendered> rendered = groups.stream().map(this::render).toList();
            byLiquibase.forEach(tenant -> pool.execute(() -> migrate(tenant, version, counts)));
            List<CompletableFuture<Optional<SchemaScript>>> scripts = rendered.stream()
                    .map(each -> CompletableFuture.supplyAsync(() -> sample(each.sample(), each.upgrade(), version, counts), pool))
                    .toList();
            for (int i = 0; i < groups.size(); i++) {
                Optional<SchemaScript> script = scripts.get(i).join();
                Tenant sample = rendered.get(i).sample();
                for (Tenant tenant : groups.get(i)) {
                    if (tenant != sample) {
                        pool.execute(() -> script.ifPresentOrElse(sql -> upgrade(tenant, sql, version, counts),
                                () -> migrate(tenant, version, counts)));
                    }
                }
            }
        }
        log.info("Migrated {} workspace schemas behind tenant changelog version {} ({} by their version's rendered SQL, {} failed)"
                        + " on {} threads in {} ms", tenants.size(), version, counts.bySql().size(), counts.failed().get(), threads,
                (System.nanoTime() - start) / 1_000_000);
        return new Outcome(tenants.size(), Set.copyOf(counts.bySql()), counts.failed().get());
    }

    /**
     * The SQL that brings a group of workspaces at one older version up, rendered for the last of them still behind.
     * The group's others are upgraded first to last, so a node starting at the same time as this one, which may have
     * taken the same last workspace as its sample and brought it up already, is working at the other end: a workspace
     * with nothing left to render is passed over for the one before it (a few at most), instead of sending the whole
     * group to Liquibase. None when the group has no others, the SQL could not be rendered or does not apply (see
     * {@link SchemaMigrator#upgradeScript}), or the last few are all up already.
     */
    private Rendered render(List<Tenant> group) {
        if (group.size() == 1) {
            return new Rendered(group.getFirst(), Optional.empty());
        }
        try {
            for (Tenant candidate : group.reversed().subList(0, Math.min(SAMPLES_TRIED, group.size()))) {
                Optional<SchemaMigrator.Upgrade> upgrade = tenantMigrator.upgradeScript(candidate.schema());
                if (upgrade.isPresent() || !tenantMigrator.isUpToDate(platform, candidate.schema())) {
                    return new Rendered(candidate, upgrade);
                }
            }
        } catch (Exception e) {
            log.warn("Could not render the SQL that brings workspaces from tenant changelog version {} up; each is migrated"
                    + " by Liquibase", group.getFirst().version(), e);
        }
        return new Rendered(group.getLast(), Optional.empty());
    }

    /** The workspace of a group that Liquibase migrates first, and the SQL rendered for it that the others then get. */
    private record Rendered(Tenant sample, Optional<SchemaMigrator.Upgrade> upgrade) {
    }

    /**
     * Migrates the workspace the upgrade was rendered for with Liquibase, and returns the upgrade's SQL for the others
     * only when Liquibase added as many history rows as the SQL holds; else each of them is migrated by Liquibase.
     */
    private Optional<SchemaScript> sample(Tenant sample, Optional<SchemaMigrator.Upgrade> upgrade, String version, Counts counts) {
        if (!migrate(sample, version, counts)) {
            return Optional.empty();
        }
        return upgrade.filter(rendered -> {
            int rows = tenantMigrator.historyRows(platform, sample.schema());
            int expected = rendered.historyRowsBefore() + rendered.script().historyStatements();
            if (rows != expected) {
                log.warn("Liquibase left {} history rows in {}, the rendered SQL {}; the workspaces at tenant changelog version {}"
                        + " are migrated by Liquibase", rows, sample.schema(), expected, sample.version());
            }
            return rows == expected;
        }).map(SchemaMigrator.Upgrade::script);
    }

    /**
     * Brings the workspace up with its version's rendered SQL, in one transaction that finds the registry still
     * recording that version (else another migrator did it, and nothing is done); with Liquibase when that fails.
     */
    private void upgrade(Tenant tenant, SchemaScript script, String version, Counts counts) {
        try {
            boolean applied = meters.migrations().record(() -> tenantMigrator.upgrade(tenant.schema(), script,
                    sql -> sql.update(WORKSPACE).set(WORKSPACE.CHANGELOG_VERSION, script.version())
                            .where(WORKSPACE.ID.eq(tenant.id()))
                            .and(WORKSPACE.CHANGELOG_VERSION.eq(tenant.version()))
                            .execute() == 1));
            if (applied) {
                counts.bySql().add(tenant.id());
            } else {
                log.info("Workspace {} ({}) was migrated by another node meanwhile", tenant.slug(), tenant.schema());
            }
            health.markServed(tenant.id());
        } catch (RuntimeException e) {
            log.warn("Workspace {} ({}): its version's rendered SQL failed, migrating it with Liquibase: {}", tenant.slug(),
                    tenant.schema(), e.getMessage());
            migrate(tenant, version, counts);
        }
    }

    /** Migrates the workspace with Liquibase and records the version; a failure is counted and refuses it. */
    private boolean migrate(Tenant tenant, String version, Counts counts) {
        try {
            meters.migrations().record(() -> tenantMigrator.migrate(tenant.schema()));
            platform.update(WORKSPACE).set(WORKSPACE.CHANGELOG_VERSION, version)
                    .where(WORKSPACE.ID.eq(tenant.id())).execute();
            health.markServed(tenant.id());
            return true;
        } catch (RuntimeException e) {
            counts.failed().incrementAndGet();
            meters.failures().increment();
            health.markFailed(new TenantHealth.Failure(tenant.id(), tenant.slug(), e.getMessage()));
            log.error("Workspace {} ({}) failed to migrate and will not be served", tenant.slug(), tenant.schema(), e);
            return false;
        }
    }

    /**
     * Schemas left behind by a provisioning that crashed before registering its workspace, from before provisioning
     * was one transaction.
     */
    private void dropOrphanedSchemas() {
        for (String orphan : UnregisteredSchemas.find(platform, TenantProvisioner.SCHEMA_PREFIX, WORKSPACE.SCHEMA_NAME)) {
            log.warn("Dropping schema {}: no workspace is registered for it", orphan);
            platform.dropSchemaIfExists(DSL.name(orphan)).cascade().execute();
        }
    }

    private record Tenant(UUID id, String slug, String schema, String version) {
    }

    private record Counts(AtomicInteger failed, Set<UUID> bySql) {
    }
}
