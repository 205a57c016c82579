package dev.atrium.admin.invitation;

import static dev.atrium.db.jooq.platform.Tables.BULK_INVITE_WORKSPACE;
import static dev.atrium.db.jooq.tenant.Tables.BULK_INVITE_JOB;
import static dev.atrium.db.jooq.tenant.Tables.BULK_INVITE_ROW;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.tenancy.WorkspaceWorkList;
import dev.atrium.db.jooq.platform.tables.records.BulkInviteWorkspaceRecord;

/**
 * Confirmed bulk invites and their rows, in the workspace's schema; and the platform's list of workspaces with one not
 * finished, which the cluster job visits.
 */
@Repository
class BulkInviteJobRepository {

    private static final String RUNNING = "running";
    private static final String FINISHED = "finished";

    /** What a processor needs of a job to invite its rows. */
    record Job(UUID id, UUID confirmedBy, OffsetDateTime confirmedAt, Locale language, String linkBase) {
    }

    /** A row still to invite, claimed (locked) by the transaction that read it. */
    record Claimed(long line, String email, @Nullable UUID roleId) {
    }

    UUID insert(DSLContext tenant, UUID confirmedBy, OffsetDateTime confirmedAt, Locale language, String linkBase, List<BulkRow> rows) {
        UUID id = tenant.insertInto(BULK_INVITE_JOB)
                .set(BULK_INVITE_JOB.CONFIRMED_BY, confirmedBy)
                .set(BULK_INVITE_JOB.CONFIRMED_AT, confirmedAt)
                .set(BULK_INVITE_JOB.STATUS, RUNNING)
                .set(BULK_INVITE_JOB.LANGUAGE, language.toLanguageTag())
                .set(BULK_INVITE_JOB.LINK_BASE, linkBase)
                .returning(BULK_INVITE_JOB.ID)
                .fetchSingle(BULK_INVITE_JOB.ID);
        var insert = tenant.insertInto(BULK_INVITE_ROW, BULK_INVITE_ROW.JOB_ID, BULK_INVITE_ROW.LINE, BULK_INVITE_ROW.EMAIL,
                BULK_INVITE_ROW.ROLE_NAME, BULK_INVITE_ROW.ROLE_ID, BULK_INVITE_ROW.VERDICT, BULK_INVITE_ROW.OUTCOME);
        for (BulkRow row : rows) {
            // A row not to invite is done as it is: its outcome is its verdict.
            insert = insert.values(id, row.line(), row.email(), row.roleName(), row.roleId(), row.verdict().name(),
                    row.verdict() == BulkVerdict.WILL_INVITE ? null : row.verdict().name());
        }
        insert.execute();
        return id;
    }

    Optional<Job> find(DSLContext tenant, UUID id) {
        return tenant.selectFrom(BULK_INVITE_JOB).where(BULK_INVITE_JOB.ID.eq(id))
                .fetchOptional(r -> new Job(r.getId(), r.getConfirmedBy(), r.getConfirmedAt(), Locale.forLanguageTag(r.getLanguage()),
                        r.getLinkBase()));
    }

    /** The workspace's most recently confirmed job. */
    Optional<UUID> latest(DSLContext tenant) {
        return tenant.select(BULK_INVITE_JOB.ID).from(BULK_INVITE_JOB)
                .orderBy(BULK_INVITE_JOB.CONFIRMED_AT.desc(), BULK_INVITE_JOB.ID).limit(1).fetchOptional(BULK_INVITE_JOB.ID);
    }

    /**
     * The workspaces with a bulk invite not finished, which the cluster job visits: listed in the transaction that
     * confirms one.
     */
    static final WorkspaceWorkList<BulkInviteWorkspaceRecord> UNFINISHED =
            new WorkspaceWorkList<>(BULK_INVITE_WORKSPACE, BULK_INVITE_WORKSPACE.WORKSPACE_ID);

    /** Takes the workspace off the list when no job of it is running (read once its entry is locked). */
    void delistIfIdle(DSLContext platform, DSLContext tenant, UUID workspaceId) {
        UNFINISHED.delistUnless(platform, workspaceId, () -> !running(tenant).isEmpty());
    }

    List<UUID> running(DSLContext tenant) {
        return tenant.select(BULK_INVITE_JOB.ID).from(BULK_INVITE_JOB).where(BULK_INVITE_JOB.STATUS.eq(RUNNING))
                .orderBy(BULK_INVITE_JOB.CONFIRMED_AT).fetch(BULK_INVITE_JOB.ID);
    }

    /**
     * Up to {@code limit} of the job's rows still to invite, in file order, locked until the transaction ends. With
     * {@code skipLocked} the rows another transaction holds are passed over, so two processors take different rows;
     * without, the read waits for them and finds them done once that transaction committed.
     */
    List<Claimed> claim(DSLContext tenant, UUID jobId, int limit, boolean skipLocked) {
        var select = tenant.select(BULK_INVITE_ROW.LINE, BULK_INVITE_ROW.EMAIL, BULK_INVITE_ROW.ROLE_ID).from(BULK_INVITE_ROW)
                .where(BULK_INVITE_ROW.JOB_ID.eq(jobId)).and(BULK_INVITE_ROW.OUTCOME.isNull())
                .orderBy(BULK_INVITE_ROW.LINE).limit(limit).forUpdate();
        return (skipLocked ? select.skipLocked() : select).fetch(r -> new Claimed(r.value1(), r.value2(), r.value3()));
    }

    void setOutcome(DSLContext tenant, UUID jobId, long line, BulkVerdict outcome) {
        tenant.update(BULK_INVITE_ROW).set(BULK_INVITE_ROW.OUTCOME, outcome.name())
                .where(BULK_INVITE_ROW.JOB_ID.eq(jobId)).and(BULK_INVITE_ROW.LINE.eq(line)).execute();
    }

    /** Marks the job finished once no row is left to invite; false when rows are left or it was finished already. */
    boolean finishIfDone(DSLContext tenant, UUID jobId, OffsetDateTime now) {
        return tenant.update(BULK_INVITE_JOB)
                .set(BULK_INVITE_JOB.STATUS, FINISHED)
                .set(BULK_INVITE_JOB.FINISHED_AT, now)
                .where(BULK_INVITE_JOB.ID.eq(jobId)).and(BULK_INVITE_JOB.STATUS.eq(RUNNING))
                .andNotExists(DSL.selectOne().from(BULK_INVITE_ROW)
                        .where(BULK_INVITE_ROW.JOB_ID.eq(jobId)).and(BULK_INVITE_ROW.OUTCOME.isNull()))
                .execute() == 1;
    }

    boolean hasRowsLeft(DSLContext tenant, UUID jobId) {
        return tenant.fetchExists(BULK_INVITE_ROW, BULK_INVITE_ROW.JOB_ID.eq(jobId).and(BULK_INVITE_ROW.OUTCOME.isNull()));
    }

    /** The job with its counts, without its rows. */
    Optional<BulkJob> progress(DSLContext tenant, UUID jobId) {
        var toInvite = DSL.count().filterWhere(BULK_INVITE_ROW.VERDICT.eq(BulkVerdict.WILL_INVITE.name()));
        var done = DSL.count().filterWhere(BULK_INVITE_ROW.VERDICT.eq(BulkVerdict.WILL_INVITE.name())
                .and(BULK_INVITE_ROW.OUTCOME.isNotNull()));
        return tenant.select(BULK_INVITE_JOB.ID, BULK_INVITE_JOB.CONFIRMED_BY, BULK_INVITE_JOB.CONFIRMED_AT,
                        BULK_INVITE_JOB.FINISHED_AT, toInvite, done)
                .from(BULK_INVITE_JOB).join(BULK_INVITE_ROW).on(BULK_INVITE_ROW.JOB_ID.eq(BULK_INVITE_JOB.ID))
                .where(BULK_INVITE_JOB.ID.eq(jobId))
                .groupBy(BULK_INVITE_JOB.ID)
                .fetchOptional(r -> new BulkJob(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    /** Every row in file order, with its outcome once done (its verdict until then). */
    List<BulkRow> rows(DSLContext tenant, UUID jobId) {
        return tenant.selectFrom(BULK_INVITE_ROW).where(BULK_INVITE_ROW.JOB_ID.eq(jobId)).orderBy(BULK_INVITE_ROW.LINE)
                .fetch(r -> new BulkRow(r.getLine(), r.getEmail(), r.getRoleName(), r.getRoleId(),
                        BulkVerdict.valueOf(r.getOutcome() != null ? r.getOutcome() : r.getVerdict())));
    }
}
