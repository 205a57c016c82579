package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;

import java.sql.Statement;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.config.AtriumProperties;

/**
 * Creates a workspace's schema — Atrium's tenant changelog and then the host application's
 * ({@code atrium.tenants.host-changelog}) — and registers it, in one transaction: all or nothing, whenever it stops.
 * Liquibase does not run per workspace: the changelogs' SQL is rendered once ({@link SchemaMigrator#createScript()})
 * and run here with the new schema as the search path, together with Liquibase's history rows, so later migrations
 * find every changeset applied; the registry records the changelogs' version for start-up.
 */
@Component
public class TenantProvisioner {

    static final String SCHEMA_PREFIX = "ws_";

    /** Points inside the transaction; tests make a creation fail at each. */
    enum Step {
        SCHEMA_CREATED, TABLES_CREATED, HISTORY_WRITTEN, REGISTERED
    }

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
    private final Steps steps;

    @Autowired
    TenantProvisioner(DataSource dataSource, ResourceLoader resourceLoader, TenantDsl tenantDsl,
            PlatformTransactionManager transactionManager, DSLContext platform,
            AtriumProperties properties) {
        this(SchemaMigrator.forTenants(dataSource, resourceLoader, properties.tenants().hostChangelog()), tenantDsl,
                new TransactionTemplate(transactionManager), platform);
    }

    TenantProvisioner(SchemaMigrator migrator, TenantDsl tenantDsl, TransactionTemplate transaction, DSLContext platform) {
        this(migrator, tenantDsl, transaction, platform, Steps.NONE);
    }

    TenantProvisioner(SchemaMigrator migrator, TenantDsl tenantDsl, TransactionTemplate transaction, DSLContext platform,
            Steps steps) {
        this.migrator = migrator;
        this.tenantDsl = tenantDsl;
        this.transaction = transaction;
        this.platform = platform;
        this.steps = steps;
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
                platform.createSchema(DSL.name(schema)).execute();
                steps.reached(Step.SCHEMA_CREATED, schema);
                String searchPath = platform.render(DSL.name(schema));
                // One round trip each; the search path is the transaction's only, and put back after the history.
                run(SchemaScript.enterSchema(searchPath) + ";\n" + script.tables());
                steps.reached(Step.TABLES_CREATED, schema);
                run(script.history() + ";\n" + SchemaScript.LEAVE_SCHEMA);
                steps.reached(Step.HISTORY_WRITTEN, schema);
                T registered = register.apply(tenantDsl.forSchema(workspaceId, schema));
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

    /** Plain JDBC on the transaction's connection: the script is SQL as Liquibase wrote it, not a jOOQ template. */
    private void run(String sql) {
        platform.connection(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        });
    }
}
