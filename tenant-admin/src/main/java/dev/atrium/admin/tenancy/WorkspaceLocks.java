package dev.atrium.admin.tenancy;

import org.jooq.DSLContext;

/**
 * Locks that serialise one kind of change within one workspace, on every node, until the transaction ends: for a rule
 * that reads what rows exist before it adds one (a limit, a name nobody else uses), where no single row can be locked.
 */
public final class WorkspaceLocks {

    private WorkspaceLocks() {
    }

    /**
     * Waits for, then holds until the transaction ends, the workspace's lock for {@code purpose}: a second transaction
     * taking it for the same workspace and purpose waits for this one to end, and then reads what it committed.
     */
    public static void holdUntilCommit(DSLContext db, String purpose, WorkspaceBinding workspace) {
        db.execute("select pg_advisory_xact_lock(hashtextextended(?, 0))", purpose + ":" + workspace.workspaceId());
    }
}
