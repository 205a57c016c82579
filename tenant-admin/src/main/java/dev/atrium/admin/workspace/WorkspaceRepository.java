package dev.atrium.admin.workspace;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

@Repository
class WorkspaceRepository {

    private final DSLContext platform;
    private final Clock clock;

    WorkspaceRepository(DSLContext platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    /** The workspace's name, locked until the transaction ends so that renames apply one after another. */
    String lockName(UUID id) {
        // FOR NO KEY UPDATE: it waits for another rename, not for the permission check's key-share lock, which a
        // concurrent rename's transaction holds too (FOR UPDATE there would make the two wait for each other).
        return platform.select(WORKSPACE.NAME).from(WORKSPACE).where(WORKSPACE.ID.eq(id)).forNoKeyUpdate().fetchSingle().value1();
    }

    void rename(UUID id, String name) {
        platform.update(WORKSPACE).set(WORKSPACE.NAME, name).where(WORKSPACE.ID.eq(id)).execute();
    }

    WorkspaceSummary insert(UUID id, String slug, String name, String schemaName, UUID createdBy) {
        platform.insertInto(WORKSPACE)
                .set(WORKSPACE.ID, id)
                .set(WORKSPACE.SLUG, slug)
                .set(WORKSPACE.NAME, name)
                .set(WORKSPACE.SCHEMA_NAME, schemaName)
                .set(WORKSPACE.CREATED_BY, createdBy)
                .set(WORKSPACE.CREATED_AT, OffsetDateTime.now(clock))
                .execute();
        return new WorkspaceSummary(id, slug, name);
    }

    List<WorkspaceSummary> ofAccount(UUID accountId) {
        return platform.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME)
                .from(WORKSPACE)
                .join(WORKSPACE_MEMBERSHIP).on(WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(WORKSPACE.ID))
                .where(WORKSPACE_MEMBERSHIP.ACCOUNT_ID.eq(accountId))
                .and(WORKSPACE.DELETED_AT.isNull())
                .orderBy(DSL.lower(WORKSPACE.NAME), WORKSPACE.SLUG)
                .fetch(r -> new WorkspaceSummary(r.value1(), r.value2(), r.value3()));
    }

    Optional<WorkspaceSummary> lastVisited(UUID accountId) {
        return platform.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME)
                .from(ACCOUNT)
                .join(WORKSPACE).on(WORKSPACE.ID.eq(ACCOUNT.LAST_WORKSPACE_ID))
                .join(WORKSPACE_MEMBERSHIP).on(WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(WORKSPACE.ID)
                        .and(WORKSPACE_MEMBERSHIP.ACCOUNT_ID.eq(ACCOUNT.ID)))
                .where(ACCOUNT.ID.eq(accountId))
                .and(WORKSPACE.DELETED_AT.isNull())
                .fetchOptional(r -> new WorkspaceSummary(r.value1(), r.value2(), r.value3()));
    }

    void recordVisit(DSLContext tenant, UUID workspaceId, UUID accountId) {
        platform.update(ACCOUNT).set(ACCOUNT.LAST_WORKSPACE_ID, workspaceId).where(ACCOUNT.ID.eq(accountId)).execute();
        tenant.update(MEMBER).set(MEMBER.LAST_ACTIVE_AT, OffsetDateTime.now(clock)).where(MEMBER.ACCOUNT_ID.eq(accountId)).execute();
    }

    WorkspaceOverview overview(DSLContext tenant, UUID workspaceId, UUID accountId) {
        var workspace = platform.select(WORKSPACE.NAME, WORKSPACE.SLUG, WORKSPACE.CREATED_AT)
                .from(WORKSPACE).where(WORKSPACE.ID.eq(workspaceId)).fetchSingle();
        var members = tenant.select(DSL.count(), DSL.max(DSL.when(MEMBER.ACCOUNT_ID.eq(accountId), ROLE.NAME)))
                .from(MEMBER).join(ROLE).on(ROLE.ID.eq(MEMBER.ROLE_ID))
                .fetchSingle();
        return new WorkspaceOverview(workspace.value1(), workspace.value2(), members.value1(), workspace.value3(), members.value2());
    }
}
