package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;

import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.config.AtriumProperties;

/**
 * Creates a workspace's schema — Atrium's tenant changelog and then the host application's
 * ({@code atrium.tenants.host-changelog}) — and registers it, in one transaction: all or nothing, whenever it stops.
 * Liquibase does not run per workspace: the changelogs' SQL is rendered once ({@link SchemaMigrator#createScript()})
 * and run with the new schema as the search path, together with Liquibase's history rows, so later migrations find
 * every changeset applied; the registry records the changelogs' version for start-up.
 * <p>
 * With {@code atrium.tenants.spare-schemas} above 0 that script runs ahead of time: {@link #refillSpares()} keeps that
 * many spare schemas, complete and empty, at the current version, and a creation claims one — its pool row deleted
 * and the schema renamed to the workspace's, in the creation's transaction, so a rollback returns it to the pool
 * untouched. Without a spare at the current version, the creation runs the script itself.
 */
@Component
public class TenantProvisioner {

    static final String SCHEMA_PREFIX = "ws_";

    /** Points inside the transaction; tests make a creation fail at each. */
    enum Step {
        SCHEMA_CREATED, TABLES_CREATED, HISTORY_WRITTEN, SPARE_CLAIMED, REGISTERED
    }

    /** What one {@link #refillSpares()} did: spares made, and spares dropped (made at another version, or strays). */
    public record SpareRefill(int made, int dropped) {
    }

    private static final Logger log = LoggerFactory.getLogger(TenantProvisioner.class);

    /** Told each step with the schema being made, in the transaction. */
    @FunctionalInterface
    interface Steps {
        Steps NONE = (step, schema) -> {
        };

        void reached(Step step, String schema);
    }

    private final SchemaMigrator migrator;
    private final TenantDsl tenantDsl;
    private final TransactionTemplate transaction;
    private final DSLContext platform;
    private final SpareSchemaRepository spares;
    private final int spareSchemas;
    private final Steps steps;

    @Autowired
    TenantProvisioner(DataSource dataSource, ResourceLoader resourceLoader, TenantDsl tenantDsl,
            PlatformTransactionManager transactionManager, DSLContext platform,
            AtriumProperties properties) {
        this(SchemaMigrator.forTenants(dataSource, resourceLoader, properties.tenants().hostChangelog()), tenantDsl,
                new TransactionTemplate(transactionManager), platform, properties.tenants().spareSchemas(), Steps.NONE);
    }

    TenantProvisioner(SchemaMigrator migrator, TenantDsl tenantDsl, TransactionTemplate transaction, DSLContext platform) {
        this(migrator, tenantDsl, transaction, platform, 0, Steps.NONE);
    }

    TenantProvisioner(SchemaMigrator migrator, TenantDsl tenantDsl, TransactionTemplate transaction, DSLContext platform,
            Steps steps) {
        this(migrator, tenantDsl, transaction, platform, 0, steps);
    }

    TenantProvisioner(SchemaMigrator migrator, TenantDsl tenantDsl, TransactionTemplate transaction, DSLContext platform,
            int spareSchemas, Steps steps) {
        this.migrator = migrator;
        this.tenantDsl = tenantDsl;
        this.transaction = transaction;
        this.platform = platform;
        this.spares = new SpareSchemaRepository(platform);
        this.spareSchemas = spareSchemas;
        this.steps = steps;
    }

    /** The workspace the current transaction is registering, while {@link #provision}'s register step runs. */
    private record BeingCreated(UUID workspaceId, String schema) {
    }

    /**
     * Whether the current transaction is creating the workspace: it has nothing yet but its Owner and built-in roles
     * (no webhook endpoint, for one).
     */
    public static boolean isBeingCreated(UUID workspaceId) {
        return schemaBeingCreated(workspaceId).isPresent();
    }

    /** The new schema of the workspace, when the current transaction is in {@link #provision}'s register step for it. */
    static Optional<String> schemaBeingCreated(UUID workspaceId) {
        return TransactionSynchronizationManager.getResource(BeingCreated.class) instanceof BeingCreated creating
                && creating.workspaceId().equals(workspaceId) ? Optional.of(creating.schema()) : Optional.empty();
    }

    public static String schemaNameFor(UUID workspaceId) {
        return SCHEMA_PREFIX + workspaceId.toString().replace("-", "");
    }

    /**
     * Creates the workspace's schema and runs {@code register}, given SQL on the new schema, in one transaction; the
     * caller registers the workspace in the platform schema (its {@code workspace} row first) in that transaction.
     * Nothing of it remains when any part fails.
     *
     * @throws IllegalStateException when {@code register} did not register the workspace
     */
    public <T> T provision(UUID workspaceId, Function<DSLContext, T> register) {
        String schema = schemaNameFor(workspaceId);
        SchemaScript script = migrator.createScript();
        try {
            return transaction.execute(status -> {
                Optional<String> spare = spareSchemas > 0 ? spares.claim(script.version()) : Optional.empty();
                if (spare.isPresent()) {
                    platform.alterSchema(DSL.name(spare.get())).renameTo(DSL.name(schema)).execute();
                    steps.reached(Step.SPARE_CLAIMED, schema);
                } else {
                    create(schema, script, steps);
                }
                TransactionSynchronizationManager.bindResource(BeingCreated.class, new BeingCreated(workspaceId, schema));
                T registered;
                try {
                    registered = register.apply(tenantDsl.forSchema(workspaceId, schema));
                } finally {
                    TransactionSynchronizationManager.unbindResource(BeingCreated.class);
                }
                if (platform.update(WORKSPACE).set(WORKSPACE.CHANGELOG_VERSION, script.version())
                        .where(WORKSPACE.ID.eq(workspaceId)).execute() != 1) {
                    throw new IllegalStateException("Workspace " + workspaceId + " was not registered");
                }
                steps.reached(Step.REGISTERED, schema);
                return registered;
            });
        } catch (RuntimeException | Error failure) {
            tenantDsl.forget(workspaceId);
            throw failure;
        }
    }

    /**
     * Drops spares made at another changelog version (after a release; they are not migrated) and stray spare rows or
     * schemas, then makes spares until {@code atrium.tenants.spare-schemas} are at the current version: each in a
     * transaction of its own, so a creation claiming meanwhile never waits for the refill.
     */
    public SpareRefill refillSpares() {
        String version = migrator.version();
        int dropped = 0;
        while (Boolean.TRUE.equals(transaction.execute(status -> spares.takeOutdated(version).map(this::drop).isPresent()))) {
            dropped++;
        }
        dropped += spares.forgetMissing();
        for (String stray : spares.unrecorded()) {
            log.warn("Dropping schema {}: it is named as a spare but not in the pool", stray);
            drop(stray);
            dropped++;
        }
        int made = 0;
        if (spareSchemas > 0) {
            SchemaScript script = migrator.createScript();
            for (int have = spares.count(version); have < spareSchemas; have++) {
                String spare = SpareSchemaRepository.PREFIX + UUID.randomUUID().toString().replace("-", "");
                transaction.executeWithoutResult(status -> {
                    create(spare, script, Steps.NONE);
                    spares.add(spare, version);
                });
                made++;
            }
        }
        if (made > 0 || dropped > 0) {
            log.info("Spare workspace schemas: made {}, dropped {} (version {})", made, dropped, version);
        }
        return new SpareRefill(made, dropped);
    }

    private String drop(String schema) {
        platform.dropSchemaIfExists(DSL.name(schema)).cascade().execute();
        return schema;
    }

    /** Creates the schema with the script's tables and history rows, in the caller's transaction. */
    private void create(String schema, SchemaScript script, Steps reached) {
        platform.createSchema(DSL.name(schema)).execute();
        reached.reached(Step.SCHEMA_CREATED, schema);
        String searchPath = platform.render(DSL.name(schema));
        // One round trip each; the search path is the transaction's only, and put back after the history.
        run(SchemaScript.enterSchema(searchPath) + ";\n" + script.tables());
        reached.reached(Step.TABLES_CREATED, schema);
        run(script.history() + ";\n" + SchemaScript.LEAVE_SCHEMA);
        reached.reached(Step.HISTORY_WRITTEN, schema);
    }

    /** Plain JDBC on the transaction's connection: the script is SQL as Liquibase wrote it, not a jOOQ template. */
    private void run(String sql) {
        platform.connection(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
    }
}
