package dev.atrium.admin.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditGuardAssertions;
import dev.atrium.admin.audit.AuditLogService;

/**
 * Every workspace's audit log is kept append-only by the platform's one guard function (platform changeset 027,
 * tenant changeset 029), and a workspace schema holds no function of its own: PostgreSQL resolves a function's name
 * through a list of every function of that name in every schema, so a copy per workspace slowed the making of each
 * new workspace's triggers with the number of workspaces.
 */
@SpringBootTest
class SharedAuditGuardTest {

    private static final String FUNCTIONS_IN = """
            select count(*) from pg_catalog.pg_proc p
            join pg_catalog.pg_namespace n on n.oid = p.pronamespace
            where n.nspname = ?""";
    private static final String GUARDS = "select count(*) from pg_catalog.pg_proc where proname = 'audit_event_guard'";
    /** A guard of the schema's own, which its triggers call, as tenant changeset 007 made them (in the search path). */
    private static final String GUARD_OF_ITS_OWN = """
            CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION 'The audit log is append-only: % of audit events is not allowed', TG_OP
                USING ERRCODE = 'insufficient_privilege';
            END
            $$;
            DROP TRIGGER audit_event_no_update ON audit_event;
            DROP TRIGGER audit_event_no_recent_delete ON audit_event;
            DROP TRIGGER audit_event_no_truncate ON audit_event;
            CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
            CREATE TRIGGER audit_event_no_recent_delete BEFORE DELETE ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
            CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_event_guard()""";

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TestWorkspaces workspaces;
    @Autowired AuditLogService audit;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;

    @Test
    void newWorkspacesAddNoFunctionAndTheirLogsStayAppendOnly() {
        TenantScope first = workspaces.newWorkspace("Greta");
        TenantScope second = workspaces.newWorkspace("Gil");

        assertThat(functionsIn(first.schemaName())).isZero();
        assertThat(functionsIn(second.schemaName())).isZero();
        assertThat(platform.resultQuery(GUARDS).fetchSingle(0, Integer.class)).isOne();
        assertRefusesChanges(second);
    }

    @Test
    void theUpgradeMovesAWorkspacesTriggersToTheSharedGuardAndDropsItsOwn() {
        TenantScope workspace = workspaces.newWorkspace("Gordon");
        String schema = workspace.schemaName();
        // The workspace as it was before 029: a guard of its own and no history row of 029.
        platform.transaction(configuration -> {
            DSLContext before = configuration.dsl();
            before.execute("SET LOCAL search_path TO {0}", DSL.name(schema));
            before.execute(GUARD_OF_ITS_OWN);
            before.deleteFrom(DSL.table(DSL.name(schema, "databasechangelog")))
                    .where(DSL.field(DSL.name("id"), String.class).eq("use-shared-audit-event-guard")).execute();
        });
        assertThat(functionsIn(schema)).isOne();

        SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog).update(schema);

        assertThat(functionsIn(schema)).isZero();
        assertRefusesChanges(workspace);
    }

    private int functionsIn(String schema) {
        return platform.resultQuery(FUNCTIONS_IN, schema).fetchSingle(0, Integer.class);
    }

    private void assertRefusesChanges(TenantScope workspace) {
        AuditGuardAssertions.assertAppendOnly(platform, audit, workspace);
        assertThat(platform.fetchCount(DSL.table(DSL.name(workspace.schemaName(), "audit_event")))).isPositive();
    }
}
