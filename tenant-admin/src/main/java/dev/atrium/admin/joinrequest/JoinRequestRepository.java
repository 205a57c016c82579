package dev.atrium.admin.joinrequest;

import static dev.atrium.db.jooq.platform.Tables.JOIN_REQUEST;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_DOMAIN;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_JOIN_SETTING;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * Join settings and requests, in the platform schema. Every method on one workspace's data takes the bound workspace;
 * discovery ({@link #offeredTo}) and the requester's outcomes are looked up by the person's domain and account.
 */
@Repository
class JoinRequestRepository {

    static final String PENDING = "PENDING";
    static final String APPROVED = "APPROVED";
    static final String DENIED = "DENIED";

    private final DSLContext platform;

    JoinRequestRepository(DSLContext platform) {
        this.platform = platform;
    }

    /** A setting and who chose it (whose grant rights cap an automatic join). */
    record Setting(JoinMode mode, @Nullable UUID defaultRoleId, @Nullable UUID setBy) {
    }

    record Offered(UUID workspaceId, String workspaceName, String slug, JoinMode mode) {
    }

    record Request(UUID id, UUID accountId, String email, String status) {
    }

    Setting setting(WorkspaceBinding workspace) {
        return platform.selectFrom(WORKSPACE_JOIN_SETTING).where(WORKSPACE_JOIN_SETTING.WORKSPACE_ID.eq(workspace.workspaceId()))
                .fetchOptional(r -> new Setting(JoinMode.valueOf(r.getMode()), r.getDefaultRoleId(), r.getSetBy()))
                .orElse(new Setting(JoinMode.OFF, null, null));
    }

    /** The setting, locked (shared) until the transaction ends, so that it is not changed before a join commits. */
    Setting lockSetting(WorkspaceBinding workspace) {
        return platform.selectFrom(WORKSPACE_JOIN_SETTING).where(WORKSPACE_JOIN_SETTING.WORKSPACE_ID.eq(workspace.workspaceId()))
                .forShare()
                .fetchOptional(r -> new Setting(JoinMode.valueOf(r.getMode()), r.getDefaultRoleId(), r.getSetBy()))
                .orElse(new Setting(JoinMode.OFF, null, null));
    }

    /**
     * The setting, locked for update until the transaction ends, for changing it: two changes holding the shared lock
     * of {@link #lockSetting} would each wait for the other to let go before writing.
     */
    Setting lockSettingForChange(WorkspaceBinding workspace) {
        return platform.selectFrom(WORKSPACE_JOIN_SETTING).where(WORKSPACE_JOIN_SETTING.WORKSPACE_ID.eq(workspace.workspaceId()))
                .forUpdate()
                .fetchOptional(r -> new Setting(JoinMode.valueOf(r.getMode()), r.getDefaultRoleId(), r.getSetBy()))
                .orElse(new Setting(JoinMode.OFF, null, null));
    }

    void saveSetting(WorkspaceBinding workspace, JoinMode mode, @Nullable UUID defaultRoleId, UUID setBy, OffsetDateTime now) {
        platform.insertInto(WORKSPACE_JOIN_SETTING)
                .set(WORKSPACE_JOIN_SETTING.WORKSPACE_ID, workspace.workspaceId())
                .set(WORKSPACE_JOIN_SETTING.MODE, mode.name())
                .set(WORKSPACE_JOIN_SETTING.DEFAULT_ROLE_ID, defaultRoleId)
                .set(WORKSPACE_JOIN_SETTING.SET_BY, setBy)
                .set(WORKSPACE_JOIN_SETTING.UPDATED_AT, now)
                .onConflict(WORKSPACE_JOIN_SETTING.WORKSPACE_ID).doUpdate()
                .set(WORKSPACE_JOIN_SETTING.MODE, mode.name())
                .set(WORKSPACE_JOIN_SETTING.DEFAULT_ROLE_ID, defaultRoleId)
                .set(WORKSPACE_JOIN_SETTING.SET_BY, setBy)
                .set(WORKSPACE_JOIN_SETTING.UPDATED_AT, now)
                .execute();
    }

    /** The workspace (at most one) that verified the domain, offers joining, and does not have the account yet. */
    List<Offered> offeredTo(String domain, UUID accountId) {
        return platform.select(WORKSPACE.ID, WORKSPACE.NAME, WORKSPACE.SLUG, WORKSPACE_JOIN_SETTING.MODE)
                .from(WORKSPACE_DOMAIN)
                .join(WORKSPACE).on(WORKSPACE.ID.eq(WORKSPACE_DOMAIN.WORKSPACE_ID))
                .join(WORKSPACE_JOIN_SETTING).on(WORKSPACE_JOIN_SETTING.WORKSPACE_ID.eq(WORKSPACE.ID))
                .where(WORKSPACE_DOMAIN.DOMAIN.eq(domain)).and(WORKSPACE_DOMAIN.VERIFIED.isTrue())
                .and(WORKSPACE_JOIN_SETTING.MODE.ne(JoinMode.OFF.name()))
                .andNotExists(DSL.selectOne().from(WORKSPACE_MEMBERSHIP).where(WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(WORKSPACE.ID))
                        .and(WORKSPACE_MEMBERSHIP.ACCOUNT_ID.eq(accountId)))
                .fetch(r -> new Offered(r.value1(), r.value2(), r.value3(), JoinMode.valueOf(r.value4())));
    }

    /** False when the account has a pending request already (also when a concurrent one committed meanwhile). */
    boolean insertPending(WorkspaceBinding workspace, UUID accountId, String email, OffsetDateTime now) {
        return platform.insertInto(JOIN_REQUEST)
                .set(JOIN_REQUEST.ID, UUID.randomUUID())
                .set(JOIN_REQUEST.WORKSPACE_ID, workspace.workspaceId())
                .set(JOIN_REQUEST.ACCOUNT_ID, accountId)
                .set(JOIN_REQUEST.EMAIL, email)
                .set(JOIN_REQUEST.STATUS, PENDING)
                .set(JOIN_REQUEST.CREATED_AT, now)
                .onConflictDoNothing()
                .execute() == 1;
    }

    boolean hasPending(WorkspaceBinding workspace, UUID accountId) {
        return platform.fetchExists(JOIN_REQUEST, JOIN_REQUEST.WORKSPACE_ID.eq(workspace.workspaceId())
                .and(JOIN_REQUEST.ACCOUNT_ID.eq(accountId)).and(JOIN_REQUEST.STATUS.eq(PENDING)));
    }

    List<PendingJoinRequest> pending(WorkspaceBinding workspace) {
        return platform.selectFrom(JOIN_REQUEST).where(JOIN_REQUEST.WORKSPACE_ID.eq(workspace.workspaceId()))
                .and(JOIN_REQUEST.STATUS.eq(PENDING)).orderBy(JOIN_REQUEST.CREATED_AT)
                .fetch(r -> new PendingJoinRequest(r.getId(), r.getAccountId(), r.getEmail(), r.getCreatedAt()));
    }

    /** The request, locked until the transaction ends: an approval and a denial of it are decided one after the other. */
    Optional<Request> lock(WorkspaceBinding workspace, UUID requestId) {
        return platform.selectFrom(JOIN_REQUEST).where(JOIN_REQUEST.WORKSPACE_ID.eq(workspace.workspaceId()))
                .and(JOIN_REQUEST.ID.eq(requestId)).forUpdate()
                .fetchOptional(r -> new Request(r.getId(), r.getAccountId(), r.getEmail(), r.getStatus()));
    }

    /** False when it is no longer pending: another decision came first. */
    boolean decide(WorkspaceBinding workspace, UUID requestId, String status, @Nullable String roleName, UUID decidedBy,
            OffsetDateTime now) {
        return platform.update(JOIN_REQUEST)
                .set(JOIN_REQUEST.STATUS, status)
                .set(JOIN_REQUEST.ROLE_NAME, roleName)
                .set(JOIN_REQUEST.DECIDED_BY, decidedBy)
                .set(JOIN_REQUEST.DECIDED_AT, now)
                .where(JOIN_REQUEST.WORKSPACE_ID.eq(workspace.workspaceId())).and(JOIN_REQUEST.ID.eq(requestId))
                .and(JOIN_REQUEST.STATUS.eq(PENDING))
                .execute() == 1;
    }

    /**
     * The account's decided requests it has not been shown yet, their rows locked until the transaction ends (in one
     * order, so two takers wait rather than deadlock): a taker that waited reads them again, marked seen by the one it
     * waited for.
     */
    List<JoinOutcome> lockUnseenOutcomes(UUID accountId) {
        return platform.select(WORKSPACE.NAME, WORKSPACE.SLUG, JOIN_REQUEST.STATUS, JOIN_REQUEST.ROLE_NAME)
                .from(JOIN_REQUEST).join(WORKSPACE).on(WORKSPACE.ID.eq(JOIN_REQUEST.WORKSPACE_ID))
                .where(JOIN_REQUEST.ACCOUNT_ID.eq(accountId)).and(JOIN_REQUEST.STATUS.ne(PENDING))
                .and(JOIN_REQUEST.OUTCOME_SEEN.isFalse())
                .orderBy(JOIN_REQUEST.DECIDED_AT, JOIN_REQUEST.ID)
                .forUpdate().of(JOIN_REQUEST)
                .fetch(r -> new JoinOutcome(r.value1(), r.value2(), APPROVED.equals(r.value3()), r.value4()));
    }

    void markOutcomesSeen(UUID accountId) {
        platform.update(JOIN_REQUEST).set(JOIN_REQUEST.OUTCOME_SEEN, true)
                .where(JOIN_REQUEST.ACCOUNT_ID.eq(accountId)).and(JOIN_REQUEST.STATUS.ne(PENDING))
                .and(JOIN_REQUEST.OUTCOME_SEEN.isFalse())
                .execute();
    }
}
