package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;

import java.util.List;
import java.util.UUID;
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
 * At start-up, before the application serves anything: migrates the platform schema, then every workspace schema
 * in parallel on a bounded pool, each with Atrium's tenant changelog and then the host application's
 * ({@code atrium.tenants.host-changelog}). A workspace whose migration fails, Atrium's or the host's, is logged and
 * refused (see {@link TenantHealth}).
 */
@Component
public class TenantMigrations implements SmartInitializingSingleton {

    static final String PLATFORM_SCHEMA = "platform";
    static final String PLATFORM_CHANGELOG = "db/changelog/platform/master.xml";
    static final String TENANT_CHANGELOG = "db/changelog/tenant/master.xml";

    private static final Logger log = LoggerFactory.getLogger(TenantMigrations.class);

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
     * Migrates the platform schema and then every workspace; a workspace that fails is refused, one that succeeds
     * is served again. Returns how many failed.
     */
    public int migrateAll() {
        long start = System.nanoTime();
        platformMigrator.migrate(PLATFORM_SCHEMA);
        dropOrphanedSchemas();
        List<Tenant> tenants = platform.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.SCHEMA_NAME).from(WORKSPACE)
                .fetch(r -> new Tenant(r.value1(), r.value2(), r.value3()));
        AtomicInteger failed = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads,
                Thread.ofPlatform().name("tenant-migration-", 1).factory())) {
            for (Tenant tenant : tenants) {
                pool.execute(() -> {
                    try {
                        meters.migrations().record(() -> tenantMigrator.migrate(tenant.schema()));
                        health.markServed(tenant.id());
                    } catch (RuntimeException e) {
                        failed.incrementAndGet();
                        meters.failures().increment();
                        health.markFailed(new TenantHealth.Failure(tenant.id(), tenant.slug(), e.getMessage()));
                        log.error("Workspace {} ({}) failed to migrate and will not be served", tenant.slug(), tenant.schema(), e);
                    }
                });
            }
        }
        log.info("Migrated {} workspace schemas ({} failed) on {} threads in {} ms", tenants.size(), failed.get(),
                threads, (System.nanoTime() - start) / 1_000_000);
        return failed.get();
    }

    /** Schemas left behind by a provisioning that crashed before registering its workspace. */
    private void dropOrphanedSchemas() {
        var schemata = DSL.table(DSL.name("information_schema", "schemata"));
        var schemaName = DSL.field(DSL.name("schema_name"), String.class);
        List<String> orphans = platform.select(schemaName).from(schemata)
                .where(schemaName.like(TenantProvisioner.SCHEMA_PREFIX.replace("_", "\\_") + "%"))
                .andNotExists(DSL.selectOne().from(WORKSPACE).where(WORKSPACE.SCHEMA_NAME.eq(schemaName)))
                .fetch(schemaName);
        for (String orphan : orphans) {
            log.warn("Dropping schema {}: no workspace is registered for it", orphan);
            platform.dropSchemaIfExists(DSL.name(orphan)).cascade().execute();
        }
    }

    private record Tenant(UUID id, String slug, String schema) {
    }
}
