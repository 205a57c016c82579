package dev.atrium.admin.apikey;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.API_KEY_ROUTE;
import static dev.atrium.db.jooq.tenant.Tables.API_KEY;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.tenancy.WorkspaceBinding;
import dev.atrium.admin.tenancy.WorkspaceLocks;
import dev.atrium.db.jooq.tenant.tables.records.ApiKeyRecord;

@Repository
class ApiKeyRepository {

    private final DSLContext platform;
    private final Clock clock;

    ApiKeyRepository(DSLContext platform, Clock clock) {
        this.platform = platform;
        this.clock = clock;
    }

    /** A key as the service needs it to decide. */
    record Row(UUID id, String name, UUID roleId, UUID createdBy, @Nullable OffsetDateTime expiresAt, byte[] secretHash,
            @Nullable OffsetDateTime revokedAt) {

        ApiKeyStatus status(OffsetDateTime now) {
            if (revokedAt != null) {
                return ApiKeyStatus.REVOKED;
            }
            return expiresAt != null && !expiresAt.isAfter(now) ? ApiKeyStatus.EXPIRED : ApiKeyStatus.ACTIVE;
        }
    }

    /** A row of the admin list, with the role its creator holds now (null when no longer a member). */
    record Listed(Row row, String roleName, String createdBy, OffsetDateTime createdAt, @Nullable OffsetDateTime lastUsedAt, long reads,
            @Nullable UUID creatorRoleId) {
    }

    void insert(DSLContext tenant, UUID id, String name, UUID roleId, UUID createdBy, OffsetDateTime createdAt,
            @Nullable OffsetDateTime expiresAt, byte[] secretHash) {
        tenant.insertInto(API_KEY)
                .set(API_KEY.ID, id)
                .set(API_KEY.NAME, name)
                .set(API_KEY.ROLE_ID, roleId)
                .set(API_KEY.CREATED_BY, createdBy)
                .set(API_KEY.CREATED_AT, createdAt)
                .set(API_KEY.EXPIRES_AT, expiresAt)
                .set(API_KEY.SECRET_HASH, secretHash)
                .execute();
    }

    void insertRoute(UUID keyId, UUID workspaceId) {
        platform.insertInto(API_KEY_ROUTE)
                .set(API_KEY_ROUTE.KEY_ID, keyId)
                .set(API_KEY_ROUTE.WORKSPACE_ID, workspaceId)
                .set(API_KEY_ROUTE.CREATED_AT, now())
                .execute();
    }

    /**
     * How many of the workspace's keys still work (neither revoked nor expired), counted under the workspace's lock for
     * adding keys, held until the transaction ends: of two keys added at once, the second counts the first.
     */
    int lockAndCountActive(DSLContext tenant, WorkspaceBinding workspace) {
        WorkspaceLocks.holdUntilCommit(tenant, "api-keys", workspace);
        return tenant.fetchCount(API_KEY, API_KEY.REVOKED_AT.isNull()
                .and(API_KEY.EXPIRES_AT.isNull().or(API_KEY.EXPIRES_AT.gt(now()))));
    }

    /** The workspace the key belongs to. */
    Optional<UUID> workspaceOf(UUID keyId) {
        return platform.select(API_KEY_ROUTE.WORKSPACE_ID).from(API_KEY_ROUTE).where(API_KEY_ROUTE.KEY_ID.eq(keyId))
                .fetchOptional(API_KEY_ROUTE.WORKSPACE_ID);
    }

    Optional<Row> find(DSLContext tenant, UUID id) {
        return tenant.selectFrom(API_KEY).where(API_KEY.ID.eq(id)).fetchOptional(ApiKeyRepository::toRow);
    }

    /** The key, locked for the rest of the transaction, so two revocations are decided one after the other. */
    Optional<Row> findForUpdate(DSLContext tenant, UUID id) {
        return tenant.selectFrom(API_KEY).where(API_KEY.ID.eq(id)).forUpdate().fetchOptional(ApiKeyRepository::toRow);
    }

    /** Notes a use; a read also counts. */
    void recordUse(DSLContext tenant, UUID id, boolean read) {
        tenant.update(API_KEY)
                .set(API_KEY.LAST_USED_AT, now())
                .set(API_KEY.READS, read ? API_KEY.READS.plus(1) : API_KEY.READS)
                .where(API_KEY.ID.eq(id))
                .execute();
    }

    void revoke(DSLContext tenant, UUID id, UUID revokedBy) {
        tenant.update(API_KEY).set(API_KEY.REVOKED_AT, now()).set(API_KEY.REVOKED_BY, revokedBy).where(API_KEY.ID.eq(id)).execute();
    }

    /** Every key, newest first. */
    List<Listed> list(DSLContext tenant) {
        return tenant.select(API_KEY.asterisk(), ROLE.NAME, ACCOUNT.DISPLAY_NAME, MEMBER.ROLE_ID)
                .from(API_KEY)
                .join(ROLE).on(ROLE.ID.eq(API_KEY.ROLE_ID))
                .join(ACCOUNT).on(ACCOUNT.ID.eq(API_KEY.CREATED_BY))
                .leftJoin(MEMBER).on(MEMBER.ACCOUNT_ID.eq(API_KEY.CREATED_BY))
                .orderBy(API_KEY.CREATED_AT.desc(), API_KEY.ID)
                .fetch(ApiKeyRepository::toListed);
    }

    private static Listed toListed(Record r) {
        return new Listed(toRow(r.into(API_KEY)), r.get(ROLE.NAME), r.get(ACCOUNT.DISPLAY_NAME), r.get(API_KEY.CREATED_AT),
                r.get(API_KEY.LAST_USED_AT), r.get(API_KEY.READS), r.get(MEMBER.ROLE_ID));
    }

    private static Row toRow(ApiKeyRecord r) {
        return new Row(r.getId(), r.getName(), r.getRoleId(), r.getCreatedBy(), r.getExpiresAt(), r.getSecretHash(), r.getRevokedAt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
