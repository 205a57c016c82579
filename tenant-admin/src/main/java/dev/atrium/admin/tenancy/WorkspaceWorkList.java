package dev.atrium.admin.tenancy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * A platform table of the workspaces a cluster job has work in, so that the job's runs visit those instead of every
 * workspace and do not grow with the number of workspaces. A workspace is listed in the transaction that gives it
 * work, and taken off by a transaction that finds none left. Both lock the workspace's entry, and the taking off asks
 * whether work is left only once it holds it: a transaction listing the workspace at that moment has committed by then,
 * and its work is seen.
 * <p>
 * A list with a due time ({@link #withDueTimes}) keeps, per workspace, when its work is due: work given lowers it to
 * the new work's time, and a visit sets it to the next work's time (also later) under the entry's lock, in the same
 * way, so that a job visits only where work is due.
 *
 * @param <R> the table's record
 */
public final class WorkspaceWorkList<R extends Record> {

    private final Table<R> table;
    private final TableField<R, UUID> workspaceId;
    private final @Nullable TableField<R, OffsetDateTime> dueAt;

    /** The list kept in {@code table}, whose primary key is {@code workspaceId}. */
    public WorkspaceWorkList(Table<R> table, TableField<R, UUID> workspaceId) {
        this(table, workspaceId, null);
    }

    private WorkspaceWorkList(Table<R> table, TableField<R, UUID> workspaceId, @Nullable TableField<R, OffsetDateTime> dueAt) {
        this.table = table;
        this.workspaceId = workspaceId;
        this.dueAt = dueAt;
    }

    /** The list kept in {@code table}, with when each workspace's work is due in {@code dueAt} (null: due now). */
    public static <R extends Record> WorkspaceWorkList<R> withDueTimes(Table<R> table, TableField<R, UUID> workspaceId,
            TableField<R, OffsetDateTime> dueAt) {
        return new WorkspaceWorkList<>(table, workspaceId, dueAt);
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

    /**
     * Lists the workspace with work due at {@code due}, as {@link #list(DSLContext, UUID)} does; a workspace listed
     * already keeps the earlier of its due time and {@code due}.
     */
    public void list(DSLContext platform, UUID workspace, OffsetDateTime due) {
        TableField<R, OffsetDateTime> at = dueTimes();
        platform.insertInto(table).set(workspaceId, workspace).set(at, due)
                .onConflict(workspaceId).doUpdate().set(at, DSL.excluded(at)).where(at.isNotNull().and(DSL.excluded(at).lt(at)))
                .execute();
    }

    public List<UUID> listed(DSLContext platform) {
        return platform.select(workspaceId).from(table).fetch(workspaceId);
    }

    /** The workspaces whose work is due at {@code now}. */
    public List<UUID> due(DSLContext platform, OffsetDateTime now) {
        TableField<R, OffsetDateTime> at = dueTimes();
        return platform.select(workspaceId).from(table).where(at.isNull().or(at.le(now))).fetch(workspaceId);
    }

    /**
     * Takes the workspace off the list, in the caller's transaction, unless {@code workLeft} says it still has work;
     * {@code workLeft} is asked only once the workspace's entry is locked.
     */
    public void delistUnless(DSLContext platform, UUID workspace, BooleanSupplier workLeft) {
        if (lock(platform, workspace) && !workLeft.getAsBoolean()) {
            delist(platform, workspace);
        }
    }

    /**
     * Sets when the workspace's work is next due, in the caller's transaction, or takes it off the list when
     * {@code nextDue} finds no work (null); {@code nextDue} is asked only once the workspace's entry is locked.
     */
    public void reschedule(DSLContext platform, UUID workspace, Supplier<@Nullable OffsetDateTime> nextDue) {
        if (!lock(platform, workspace)) {
            return;
        }
        OffsetDateTime next = nextDue.get();
        if (next == null) {
            delist(platform, workspace);
        } else {
            platform.update(table).set(dueTimes(), next).where(workspaceId.eq(workspace)).execute();
        }
    }

    /** Locks the workspace's entry: whether it is listed. */
    private boolean lock(DSLContext platform, UUID workspace) {
        return platform.select(workspaceId).from(table).where(workspaceId.eq(workspace)).forUpdate().fetchOptional().isPresent();
    }

    private void delist(DSLContext platform, UUID workspace) {
        platform.deleteFrom(table).where(workspaceId.eq(workspace)).execute();
    }

    private TableField<R, OffsetDateTime> dueTimes() {
        if (dueAt == null) {
            throw new IllegalStateException(table.getName() + " keeps no due times");
        }
        return dueAt;
    }
}
