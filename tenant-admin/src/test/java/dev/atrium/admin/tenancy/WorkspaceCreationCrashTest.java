package dev.atrium.admin.tenancy;

import static dev.atrium.admin.tenancy.SchemaAssertions.describe;
import static dev.atrium.admin.tenancy.SchemaAssertions.schemaExists;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.tenancy.TenantProvisioner.Step;
import dev.atrium.admin.workspace.TestWorkspaceServices;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceSummary;

/**
 * Creating a workspace stops at every point of its one transaction — by an error, or by its database session dying
 * as a crashed node's would — and leaves nothing behind: no schema, no registry row, no membership; the same address
 * can be created at once afterwards. Both ways of making its schema: running the changelogs' script, and claiming a
 * spare schema from the pool, which a stop returns to the pool untouched.
 */
@SpringBootTest
class WorkspaceCreationCrashTest {

    /** Where creating stops: after each of the provisioner's steps, and inside the registration. */
    enum Point {
        AFTER_SCHEMA, AFTER_TABLES, AFTER_HISTORY_ROWS, AFTER_CLAIM, AFTER_REGISTRY_ROW, AFTER_OWNER, BEFORE_COMMIT
    }

    /** How the schema is made: by the script, or by claiming a spare (pool of one). */
    enum Made {
        SCRIPT, SPARE
    }

    /** How: an exception, or the session killed (pg_terminate_backend), which PostgreSQL rolls back by itself. */
    enum Crash {
        EXCEPTION, SESSION_KILLED
    }

    @Autowired ApplicationContext context;
    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired TenantDsl tenantDsl;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired DSLContext platform;
    @Autowired TenantBinder binder;
    @Autowired WorkspaceService realWorkspaces;
    @Autowired AuditLogService audit;
    @Autowired TestAccounts accounts;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;

    @ParameterizedTest(name = "{2}: {1} {0}")
    @CsvSource({
            "AFTER_SCHEMA, EXCEPTION, SCRIPT", "AFTER_TABLES, EXCEPTION, SCRIPT", "AFTER_HISTORY_ROWS, EXCEPTION, SCRIPT",
            "AFTER_REGISTRY_ROW, EXCEPTION, SCRIPT", "AFTER_OWNER, EXCEPTION, SCRIPT", "BEFORE_COMMIT, EXCEPTION, SCRIPT",
            "AFTER_SCHEMA, SESSION_KILLED, SCRIPT", "AFTER_TABLES, SESSION_KILLED, SCRIPT",
            "AFTER_HISTORY_ROWS, SESSION_KILLED, SCRIPT", "AFTER_REGISTRY_ROW, SESSION_KILLED, SCRIPT",
            "AFTER_OWNER, SESSION_KILLED, SCRIPT", "BEFORE_COMMIT, SESSION_KILLED, SCRIPT",
            "AFTER_CLAIM, EXCEPTION, SPARE", "AFTER_REGISTRY_ROW, EXCEPTION, SPARE", "AFTER_OWNER, EXCEPTION, SPARE",
            "BEFORE_COMMIT, EXCEPTION, SPARE", "AFTER_CLAIM, SESSION_KILLED, SPARE", "AFTER_REGISTRY_ROW, SESSION_KILLED, SPARE",
            "AFTER_OWNER, SESSION_KILLED, SPARE", "BEFORE_COMMIT, SESSION_KILLED, SPARE"})
    void aCreationThatStopsAnywhereLeavesNothingAndTheAddressCanBeCreatedAfterwards(Point point, Crash crash, Made made) {
        UUID owner = accounts.newAccount("Crash " + point).id();
        String slug = TestAccounts.uniqueSlug("crash");
        AtomicReference<String> schemaMade = new AtomicReference<>();
        Set<Step> reached = EnumSet.noneOf(Step.class);
        int spares = made == Made.SPARE ? 1 : 0;
        SchemaMigrator migrator = SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog);
        WorkspaceService failing = TestWorkspaceServices.withProvisioner(context, new TenantProvisioner(
                migrator, tenantDsl, new TransactionTemplate(transactionManager), platform, spares, (step, schema) -> {
                    schemaMade.set(schema);
                    reached.add(step);
                    stopAt(point, crash, step, schema);
                }));
        TenantProvisioner pooled = new TenantProvisioner(migrator, tenantDsl, new TransactionTemplate(transactionManager),
                platform, spares, TenantProvisioner.Steps.NONE);
        SparePool.empty(platform);
        pooled.refillSpares();
        List<String> pool = SparePool.names(platform);
        assertThat(pool).hasSize(spares);
        List<List<String>> poolSchemas = pool.stream().map(spare -> describe(platform, spare)).toList();
        int unregisteredBefore = unregisteredSchemas();

        assertThatThrownBy(() -> failing.create(owner, "Crash", slug)).isInstanceOf(RuntimeException.class);

        assertThat(schemaMade.get()).isNotNull();
        assertThat(reached.contains(Step.SPARE_CLAIMED)).isEqualTo(made == Made.SPARE);
        assertThat(schemaExists(platform, schemaMade.get())).isFalse();
        assertThat(platform.fetchExists(WORKSPACE, WORKSPACE.SLUG.eq(slug))).isFalse();
        assertThat(platform.fetchExists(WORKSPACE, WORKSPACE.CREATED_BY.eq(owner))).isFalse();
        assertThat(realWorkspaces.workspacesOf(owner)).isEmpty();
        assertThat(unregisteredSchemas()).isEqualTo(unregisteredBefore);
        // The claimed spare is back in the pool, under its name, as it was.
        assertThat(SparePool.names(platform)).isEqualTo(pool);
        assertThat(pool.stream().map(spare -> describe(platform, spare)).toList()).isEqualTo(poolSchemas);

        WorkspaceSummary created = TestWorkspaceServices.withProvisioner(context, pooled).create(owner, "Crash", slug);
        assertThat(SparePool.names(platform)).isEmpty();
        pool.forEach(spare -> assertThat(schemaExists(platform, spare)).isFalse());
        TenantScope scope = binder.bind(owner, slug);
        assertThat(scope.workspaceId()).isEqualTo(created.id());
        assertThat(realWorkspaces.workspacesOf(owner)).containsExactly(created);
        assertThat(audit.verify(scope).intact()).isTrue();
        assertThat(audit.verify(scope).checked()).isOne();
    }

    private void stopAt(Point point, Crash crash, Step step, String schema) {
        switch (point) {
            case AFTER_SCHEMA -> stopIf(step == Step.SCHEMA_CREATED, crash);
            case AFTER_TABLES -> stopIf(step == Step.TABLES_CREATED, crash);
            case AFTER_HISTORY_ROWS -> stopIf(step == Step.HISTORY_WRITTEN, crash);
            case AFTER_CLAIM -> stopIf(step == Step.SPARE_CLAIMED, crash);
            // Inside the registration, which the workspace service writes: the owner's member row is written right
            // after the registry row, and the first audit event right after the owner.
            case AFTER_REGISTRY_ROW -> stopOnInsert(step, crash, schema, "member");
            case AFTER_OWNER -> stopOnInsert(step, crash, schema, "audit_event");
            case BEFORE_COMMIT -> stopIf(step == Step.REGISTERED, crash);
        }
    }

    private void stopIf(boolean here, Crash crash) {
        if (!here) {
            return;
        }
        switch (crash) {
            case EXCEPTION -> throw new IllegalStateException("injected");
            case SESSION_KILLED -> platform.execute("SELECT pg_terminate_backend(pg_backend_pid())");
        }
    }

    /** A trigger made in the new schema, in the same transaction, stops the insert into that table. */
    private void stopOnInsert(Step step, Crash crash, String schema, String table) {
        if (step != Step.HISTORY_WRITTEN && step != Step.SPARE_CLAIMED) {
            return;
        }
        String stop = crash == Crash.EXCEPTION ? "RAISE EXCEPTION 'injected'" : "PERFORM pg_terminate_backend(pg_backend_pid())";
        platform.execute("CREATE FUNCTION " + schema + ".stop() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " + stop
                + "; RETURN NEW; END $$");
        platform.execute("CREATE TRIGGER stop BEFORE INSERT ON " + schema + "." + table + " FOR EACH ROW EXECUTE FUNCTION "
                + schema + ".stop()");
    }

    private int unregisteredSchemas() {
        var schemaName = DSL.field(DSL.name("nspname"), String.class);
        return platform.fetchCount(DSL.select(schemaName).from(DSL.table(DSL.name("pg_catalog", "pg_namespace")))
                .where(schemaName.like("ws\\_%"))
                .andNotExists(DSL.selectOne().from(WORKSPACE).where(WORKSPACE.SCHEMA_NAME.eq(schemaName))));
    }
}
