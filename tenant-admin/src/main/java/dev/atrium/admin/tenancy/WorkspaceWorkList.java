package dev.atrium.admin.tenancy;

import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * A platform table of the workspaces a cluster job has work in, so that the job's runs visit those instead of every
 * workspace and do not grow with the number of workspaces. A workspace is listed in the transaction that gives it
 * work, and taken off by a transaction that finds none left. Both lock the workspace's entry, and the taking off asks
 * whether work is left only once it holds it: a transaction listing the workspace at that moment has committed by then,
 * and its work is seen.
 *
 * @param <R> the table's record
 */
public final class WorkspaceWorkList<R extends Record> {

    private final Table<R> table;
    private final TableField<R, UUID> workspaceId;

    /** The list kept in {@code table}, whose primary key is {@code workspaceId}. */
    public WorkspaceWorkList(Table<R> table, TableField<R, UUID> workspaceId) {
        this.table = table;
        this.workspaceId = workspaceId;
    }

    /**
     * Lists the workspace, in the caller's transaction, and locks its entry until that ends, also when it was listed
     * already: a conflict's update that changes nothing still locks the row, without writing a new version of it.
     */
    public void list(DSLContext platform, UUID workspace) {
        platform.insertInto(table).set(workspaceId, workspace)
                .onConflict(workspaceId).doUpdate().set(workspaceId, workspaceId).where(DSL.falseCondition())
                .execute();
    }

    public List<UUID> listed(DSLContext platform) {
        return platform.select(workspaceId).from(table).fetch(workspaceId);
    }

    /**
     * Takes the workspace off the list, in the caller's transaction, unless {@code workLeft} says it still has work;
     * {@code workLeft} is asked only once the workspace's entry is locked.
     */
    public void delistUnless(DSLContext platform, UUID workspace, BooleanSupplier workLeft) {
        boolean listed = platform.select(workspaceId).from(table).where(workspaceId.eq(workspace)).forUpdate().fetchOptional().isPresent();
        if (listed && !workLeft.getAsBoolean()) {
            platform.deleteFrom(table).where(workspaceId.eq(workspace)).execute();
        }
    }
}
