package dev.atrium.admin.workspace;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_DELETION;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;
import static dev.atrium.db.jooq.tenant.Tables.INVITATION;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class WorkspaceDeletionRepository {

    private final DSLContext platform;

    WorkspaceDeletionRepository(DSLContext platform) {
        this.platform = platform;
    }

    /** The workspace's row as it is now, locked until the transaction ends: delete, restore and purge take turns. */
    record Locked(String name, String schemaName, @Nullable OffsetDateTime deletedAt, @Nullable OffsetDateTime purgeAfter) {
    }

    Optional<Locked> lock(UUID workspaceId) {
        return platform.select(WORKSPACE.NAME, WORKSPACE.SCHEMA_NAME, WORKSPACE.DELETED_AT, WORKSPACE.PURGE_AFTER)
                .from(WORKSPACE).where(WORKSPACE.ID.eq(workspaceId)).forUpdate()
                .fetchOptional(r -> new Locked(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** The member's role key, the member row locked (as ownership transfers lock it); empty when not a member. */
    Optional<String> lockRoleKey(DSLContext tenant, UUID accountId) {
        return tenant.select(ROLE.KEY).from(MEMBER).join(ROLE).on(ROLE.ID.eq(MEMBER.ROLE_ID))
                .where(MEMBER.ACCOUNT_ID.eq(accountId)).forUpdate().of(MEMBER).fetchOptional(r -> r.value1());
    }

    Optional<String> roleKey(DSLContext tenant, UUID accountId) {
        return tenant.select(ROLE.KEY).from(MEMBER).join(ROLE).on(ROLE.ID.eq(MEMBER.ROLE_ID))
                .where(MEMBER.ACCOUNT_ID.eq(accountId)).fetchOptional(r -> r.value1());
    }

    boolean markDeleted(UUID workspaceId, OffsetDateTime now, OffsetDateTime purgeAfter) {
        return platform.update(WORKSPACE).set(WORKSPACE.DELETED_AT, now).set(WORKSPACE.PURGE_AFTER, purgeAfter)
                .where(WORKSPACE.ID.eq(workspaceId)).and(WORKSPACE.DELETED_AT.isNull()).execute() == 1;
    }

    boolean markRestored(UUID workspaceId) {
        return platform.update(WORKSPACE).setNull(WORKSPACE.DELETED_AT).setNull(WORKSPACE.PURGE_AFTER)
                .where(WORKSPACE.ID.eq(workspaceId)).and(WORKSPACE.DELETED_AT.isNotNull()).execute() == 1;
    }

    void insertRecord(UUID workspaceId, String slug, String name, UUID deletedBy, OffsetDateTime deletedAt, String headHash) {
        platform.insertInto(WORKSPACE_DELETION)
                .set(WORKSPACE_DELETION.WORKSPACE_ID, workspaceId)
                .set(WORKSPACE_DELETION.SLUG, slug)
                .set(WORKSPACE_DELETION.NAME, name)
                .set(WORKSPACE_DELETION.DELETED_BY, deletedBy)
                .set(WORKSPACE_DELETION.DELETED_BY_EMAIL,
                        DSL.select(ACCOUNT.EMAIL).from(ACCOUNT).where(ACCOUNT.ID.eq(deletedBy)).asField())
                .set(WORKSPACE_DELETION.DELETED_AT, deletedAt)
                .set(WORKSPACE_DELETION.AUDIT_HEAD_HASH, headHash)
                .execute();
    }

    void recordRestored(UUID workspaceId, UUID restoredBy, OffsetDateTime now) {
        platform.update(WORKSPACE_DELETION).set(WORKSPACE_DELETION.RESTORED_BY, restoredBy).set(WORKSPACE_DELETION.RESTORED_AT, now)
                .where(WORKSPACE_DELETION.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_DELETION.RESTORED_AT.isNull())
                .and(WORKSPACE_DELETION.PURGED_AT.isNull()).execute();
    }

    List<WorkspaceDeletionRecord> records(UUID workspaceId) {
        return platform.selectFrom(WORKSPACE_DELETION).where(WORKSPACE_DELETION.WORKSPACE_ID.eq(workspaceId))
                .orderBy(WORKSPACE_DELETION.DELETED_AT)
                .fetch(r -> new WorkspaceDeletionRecord(r.getWorkspaceId(), r.getSlug(), r.getName(), r.getDeletedBy(),
                        r.getDeletedByEmail(), r.getDeletedAt(), r.getAuditHeadHash(), r.getRestoredAt(), r.getPurgedAt()));
    }

    /** Deleted workspaces the account is a member of (whether Owner is checked per workspace). */
    List<DeletedWorkspace> deletedOf(UUID accountId) {
        return platform.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME, WORKSPACE.DELETED_AT, WORKSPACE.PURGE_AFTER)
                .from(WORKSPACE)
                .join(WORKSPACE_MEMBERSHIP).on(WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(WORKSPACE.ID))
                .where(WORKSPACE_MEMBERSHIP.ACCOUNT_ID.eq(accountId)).and(WORKSPACE.DELETED_AT.isNotNull())
                .orderBy(DSL.lower(WORKSPACE.NAME))
                .fetch(r -> new DeletedWorkspace(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    List<UUID> duePurges(OffsetDateTime now) {
        return platform.select(WORKSPACE.ID).from(WORKSPACE).where(WORKSPACE.PURGE_AFTER.le(now)).fetch(r -> r.value1());
    }

    /**
     * Drops the schema and the workspace's platform rows (memberships, tokens, domains, connections cascade), only
     * while it is deleted and past its grace: the row's delete is conditional, and touching none is a refusal (false)
     * before anything is dropped; the caller then rolls back.
     */
    boolean purge(UUID workspaceId, String schemaName, OffsetDateTime now) {
        platform.update(ACCOUNT).setNull(ACCOUNT.LAST_WORKSPACE_ID).where(ACCOUNT.LAST_WORKSPACE_ID.eq(workspaceId)).execute();
        if (platform.deleteFrom(WORKSPACE).where(WORKSPACE.ID.eq(workspaceId)).and(WORKSPACE.DELETED_AT.isNotNull())
                .and(WORKSPACE.PURGE_AFTER.le(now)).execute() == 0) {
            return false;
        }
        platform.update(WORKSPACE_DELETION).set(WORKSPACE_DELETION.PURGED_AT, now)
                .where(WORKSPACE_DELETION.WORKSPACE_ID.eq(workspaceId)).and(WORKSPACE_DELETION.PURGED_AT.isNull())
                .and(WORKSPACE_DELETION.RESTORED_AT.isNull()).execute();
        platform.dropSchema(DSL.name(schemaName)).cascade().execute();
        return true;
    }

    // The export: every row of the workspace's members, roles and invitations, streamed.

    void members(DSLContext tenant, Consumer<Map<String, Object>> each) {
        tenant.select(MEMBER.ACCOUNT_ID, ACCOUNT.EMAIL, ACCOUNT.DISPLAY_NAME, ROLE.KEY.as("role_key"), ROLE.NAME.as("role_name"),
                        MEMBER.JOINED_AT, MEMBER.LAST_ACTIVE_AT)
                .from(MEMBER).join(ACCOUNT).on(ACCOUNT.ID.eq(MEMBER.ACCOUNT_ID)).join(ROLE).on(ROLE.ID.eq(MEMBER.ROLE_ID))
                .orderBy(MEMBER.JOINED_AT, MEMBER.ACCOUNT_ID)
                .fetchSize(500).fetchLazy().forEach(r -> each.accept(r.intoMap()));
    }

    void invitations(DSLContext tenant, Consumer<Map<String, Object>> each) {
        tenant.select(INVITATION.ID, INVITATION.EMAIL, ROLE.KEY.as("role_key"), ROLE.NAME.as("role_name"), INVITATION.STATUS,
                        INVITATION.INVITED_BY, INVITATION.CREATED_AT, INVITATION.SENT_AT, INVITATION.EXPIRES_AT,
                        INVITATION.SEND_COUNT, INVITATION.ACCEPTED_BY, INVITATION.CLOSED_AT, INVITATION.REMINDED_AT)
                .from(INVITATION).join(ROLE).on(ROLE.ID.eq(INVITATION.ROLE_ID))
                .orderBy(INVITATION.CREATED_AT, INVITATION.ID)
                .fetchSize(500).fetchLazy().forEach(r -> each.accept(r.intoMap()));
    }
}
