package dev.atrium.admin.audit;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.dao.DataAccessException;

import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;

/** What the database's audit guard refuses on a workspace's log, whichever function the triggers call. */
public final class AuditGuardAssertions {

    private AuditGuardAssertions() {
    }

    /** An UPDATE of its events, a DELETE of recent ones and a TRUNCATE are each refused by the database. */
    public static void assertAppendOnly(DSLContext platform, AuditLogService audit, TenantScope workspace) {
        // The guard reads the database's time, which the tests' clock stays years behind: the longest retention makes
        // the events recent to it, so that a delete of them is refused too.
        audit.setRetentionDays(workspace, AuditLogService.MAX_RETENTION_DAYS);
        Table<?> events = DSL.table(DSL.name(TenantProvisioner.schemaNameFor(workspace.workspaceId()), "audit_event"));
        assertThatThrownBy(() -> platform.update(events).set(DSL.field(DSL.name("action"), String.class), "nothing.happened").execute())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only: UPDATE");
        assertThatThrownBy(() -> platform.deleteFrom(events).execute())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only: DELETE");
        assertThatThrownBy(() -> platform.truncate(events).execute())
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only: TRUNCATE");
    }
}
