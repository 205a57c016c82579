package dev.atrium.admin.apikey;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.PLATFORM_API_KEY;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import dev.atrium.db.jooq.platform.tables.records.PlatformApiKeyRecord;

@Repository
class PlatformApiKeyRepository {

    private final DSLContext platform;

    PlatformApiKeyRepository(DSLContext platform) {
        this.platform = platform;
    }

    /** A key as the service needs it to decide. */
    record Row(UUID id, String name, UUID createdBy, @Nullable OffsetDateTime expiresAt, byte[] secretHash, @Nullable OffsetDateTime revokedAt,
            @Nullable OffsetDateTime lastUsedAt) {

        ApiKeyStatus status(OffsetDateTime now) {
            if (revokedAt != null) {
                return ApiKeyStatus.REVOKED;
            }
            return expiresAt != null && !expiresAt.isAfter(now) ? ApiKeyStatus.EXPIRED : ApiKeyStatus.ACTIVE;
        }
    }

    void insert(UUID id, String name, UUID createdBy, OffsetDateTime createdAt, @Nullable OffsetDateTime expiresAt, byte[] secretHash) {
        platform.insertInto(PLATFORM_API_KEY)
                .set(PLATFORM_API_KEY.ID, id)
                .set(PLATFORM_API_KEY.NAME, name)
                .set(PLATFORM_API_KEY.CREATED_BY, createdBy)
                .set(PLATFORM_API_KEY.CREATED_AT, createdAt)
                .set(PLATFORM_API_KEY.EXPIRES_AT, expiresAt)
                .set(PLATFORM_API_KEY.SECRET_HASH, secretHash)
                .execute();
    }

    Optional<Row> find(UUID id) {
        return platform.selectFrom(PLATFORM_API_KEY).where(PLATFORM_API_KEY.ID.eq(id)).fetchOptional(PlatformApiKeyRepository::toRow);
    }

    /** The key, locked for the rest of the transaction, so two revocations are decided one after the other. */
    Optional<Row> findForUpdate(UUID id) {
        return platform.selectFrom(PLATFORM_API_KEY).where(PLATFORM_API_KEY.ID.eq(id)).forUpdate()
                .fetchOptional(PlatformApiKeyRepository::toRow);
    }

    /** Notes a use at {@code now}, unless a concurrent request noted a later one (the time never goes back). */
    void recordUse(UUID id, OffsetDateTime now) {
        platform.update(PLATFORM_API_KEY).set(PLATFORM_API_KEY.LAST_USED_AT, now)
                .where(PLATFORM_API_KEY.ID.eq(id))
                .and(PLATFORM_API_KEY.LAST_USED_AT.isNull().or(PLATFORM_API_KEY.LAST_USED_AT.lt(now)))
                .execute();
    }

    void revoke(UUID id, UUID revokedBy, OffsetDateTime now) {
        platform.update(PLATFORM_API_KEY)
                .set(PLATFORM_API_KEY.REVOKED_AT, now)
                .set(PLATFORM_API_KEY.REVOKED_BY, revokedBy)
                .where(PLATFORM_API_KEY.ID.eq(id))
                .execute();
    }

    /** Every key with its creator's name, newest first. */
    List<PlatformApiKey> list(OffsetDateTime now) {
        return platform.select(PLATFORM_API_KEY.asterisk(), ACCOUNT.DISPLAY_NAME)
                .from(PLATFORM_API_KEY)
                .join(ACCOUNT).on(ACCOUNT.ID.eq(PLATFORM_API_KEY.CREATED_BY))
                .orderBy(PLATFORM_API_KEY.CREATED_AT.desc(), PLATFORM_API_KEY.ID)
                .fetch(r -> toListed(r, now));
    }

    private static PlatformApiKey toListed(Record r, OffsetDateTime now) {
        Row row = toRow(r.into(PLATFORM_API_KEY));
        return new PlatformApiKey(row.id(), row.name(), r.get(ACCOUNT.DISPLAY_NAME), r.get(PLATFORM_API_KEY.CREATED_AT), row.expiresAt(),
                r.get(PLATFORM_API_KEY.LAST_USED_AT), row.status(now));
    }

    private static Row toRow(PlatformApiKeyRecord r) {
        return new Row(r.getId(), r.getName(), r.getCreatedBy(), r.getExpiresAt(), r.getSecretHash(), r.getRevokedAt(), r.getLastUsedAt());
    }
}
