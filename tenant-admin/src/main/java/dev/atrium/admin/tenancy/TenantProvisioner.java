package dev.atrium.admin.tenancy;

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
 * Creates a workspace's schema from Atrium's tenant changelog and then the host application's
 * ({@code atrium.tenants.host-changelog}), all or nothing. PostgreSQL could run the DDL in one transaction, but Liquibase
 * commits per changeset; so the schema is migrated first, the registration runs in one transaction after it, and
 * any failure drops the schema again. A schema orphaned by a crash in between is dropped at the next start-up.
 */
@Component
public class TenantProvisioner {

    static final String SCHEMA_PREFIX = "ws_";

    private final SchemaMigrator migrator;
    private final TenantDsl tenantDsl;
    /** A template, not @Transactional: the transaction begins after the self-committing migration, and the schema is dropped after it failed. */
    private final TransactionTemplate transaction;
    private final DSLContext platform;

    @Autowired
    TenantProvisioner(DataSource dataSource, ResourceLoader resourceLoader, TenantDsl tenantDsl,
            PlatformTransactionManager transactionManager, DSLContext platform,
            AtriumProperties properties) {
        this(SchemaMigrator.forTenants(dataSource, resourceLoader, properties.tenants().hostChangelog()), tenantDsl,
                new TransactionTemplate(transactionManager), platform);
    }

    TenantProvisioner(SchemaMigrator migrator, TenantDsl tenantDsl, TransactionTemplate transaction, DSLContext platform) {
        this.migrator = migrator;
        this.tenantDsl = tenantDsl;
        this.transaction = transaction;
        this.platform = platform;
    }

    public static String schemaNameFor(UUID workspaceId) {
        return SCHEMA_PREFIX + workspaceId.toString().replace("-", "");
    }

    /**
     * Creates and migrates the workspace's schema, then runs {@code register} in one transaction, given SQL on the
     * new schema; the caller registers the workspace in the platform schema in that same transaction.
     */
    public <T> T provision(UUID workspaceId, Function<DSLContext, T> register) {
        String schema = schemaNameFor(workspaceId);
        try {
            migrator.migrate(schema);
            return transaction.execute(status -> register.apply(tenantDsl.forSchema(workspaceId, schema)));
        } catch (RuntimeException | Error failure) {
            tenantDsl.forget(workspaceId);
            try {
                platform.dropSchemaIfExists(DSL.name(schema)).cascade().execute();
            } catch (RuntimeException dropFailure) {
                failure.addSuppressed(dropFailure);
            }
            throw failure;
        }
    }
}
