package dev.atrium.admin.api;

import static dev.atrium.db.jooq.tenant.Tables.API_IDEMPOTENCY;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

@Repository
class IdempotencyRepository {

    private final Clock clock;

    IdempotencyRepository(Clock clock) {
        this.clock = clock;
    }

    /** A request seen before: its fingerprint and, once served, its response (sealed body). */
    record Stored(byte[] fingerprint, @Nullable Integer status, @Nullable String contentType, byte @Nullable [] body) {
    }

    /** Claims the key for this request; false when a request with it was seen before (the primary key decides). */
    boolean claim(DSLContext tenant, UUID keyId, String idempotencyKey, byte[] fingerprint) {
        return tenant.insertInto(API_IDEMPOTENCY)
                .set(API_IDEMPOTENCY.KEY_ID, keyId)
                .set(API_IDEMPOTENCY.IDEMPOTENCY_KEY, idempotencyKey)
                .set(API_IDEMPOTENCY.FINGERPRINT, fingerprint)
                .set(API_IDEMPOTENCY.CREATED_AT, OffsetDateTime.now(clock))
                .onConflictDoNothing()
                .execute() == 1;
    }

    Optional<Stored> find(DSLContext tenant, UUID keyId, String idempotencyKey) {
        return tenant.select(API_IDEMPOTENCY.FINGERPRINT, API_IDEMPOTENCY.STATUS, API_IDEMPOTENCY.CONTENT_TYPE, API_IDEMPOTENCY.BODY)
                .from(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.KEY_ID.eq(keyId)).and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional(r -> new Stored(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    void complete(DSLContext tenant, UUID keyId, String idempotencyKey, int status, @Nullable String contentType, byte[] sealedBody) {
        tenant.update(API_IDEMPOTENCY)
                .set(API_IDEMPOTENCY.STATUS, status)
                .set(API_IDEMPOTENCY.CONTENT_TYPE, contentType)
                .set(API_IDEMPOTENCY.BODY, sealedBody)
                .where(API_IDEMPOTENCY.KEY_ID.eq(keyId)).and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .execute();
    }

    /** Forgets a claim whose request failed without an answer worth replaying, so that a retry runs it again. */
    void release(DSLContext tenant, UUID keyId, String idempotencyKey) {
        tenant.deleteFrom(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.KEY_ID.eq(keyId)).and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .and(API_IDEMPOTENCY.STATUS.isNull())
                .execute();
    }
}
