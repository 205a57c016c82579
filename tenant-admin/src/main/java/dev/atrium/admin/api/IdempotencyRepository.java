package dev.atrium.admin.api;

import static dev.atrium.db.jooq.tenant.Tables.API_IDEMPOTENCY;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.db.jooq.platform.Platform;
import dev.atrium.db.jooq.tenant.Tenant;

/**
 * Claimed Idempotency-Keys and their stored responses: a workspace key's in its workspace's {@code api_idempotency},
 * a platform key's in the platform schema's table of the same shape, reached through {@link #platformStore()}.
 */
@Repository
class IdempotencyRepository {

    private final Clock clock;
    private final Duration lease;
    private final DSLContext platformStore;

    IdempotencyRepository(Clock clock, AtriumProperties properties, DSLContext platform) {
        this.clock = clock;
        this.lease = properties.api().idempotencyLease();
        this.platformStore = DSL.using(platform.configuration().derive(SettingsTools.clone(platform.settings())
                .withRenderMapping(new RenderMapping().withSchemata(new MappedSchema()
                        .withInput(Tenant.TENANT.getName()).withOutput(Platform.PLATFORM.getName())))));
    }

    /** Where platform keys' claims are kept: the methods below, given this context, use {@code platform.api_idempotency}. */
    DSLContext platformStore() {
        return platformStore;
    }

    /** A request seen before: its fingerprint and, once served, its response (sealed body). */
    record Stored(byte[] fingerprint, @Nullable Integer status, @Nullable String contentType, byte @Nullable [] body) {
    }

    /**
     * Claims the key for this request: the claim's token, empty when a request with it was seen before (the primary
     * key decides) and is not to be run again. A claim older than the lease with no stored response was left by a node
     * that stopped mid-request, or is still running past its lease: the same request takes it over with a new token,
     * so that the request it took over from can no longer answer or release it. One statement decides, so of two
     * retries racing for a stale claim PostgreSQL lets one update the row; the other re-checks the updated row, finds
     * it fresh and gets nothing.
     */
    Optional<UUID> claim(DSLContext tenant, UUID keyId, String idempotencyKey, byte[] fingerprint) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        UUID token = UUID.randomUUID();
        return tenant.insertInto(API_IDEMPOTENCY)
                .set(API_IDEMPOTENCY.KEY_ID, keyId)
                .set(API_IDEMPOTENCY.IDEMPOTENCY_KEY, idempotencyKey)
                .set(API_IDEMPOTENCY.FINGERPRINT, fingerprint)
                .set(API_IDEMPOTENCY.CREATED_AT, now)
                .set(API_IDEMPOTENCY.CLAIM_TOKEN, token)
                .onConflict(API_IDEMPOTENCY.KEY_ID, API_IDEMPOTENCY.IDEMPOTENCY_KEY)
                .doUpdate()
                .set(API_IDEMPOTENCY.CREATED_AT, now)
                .set(API_IDEMPOTENCY.CLAIM_TOKEN, token)
                .where(API_IDEMPOTENCY.STATUS.isNull())
                .and(API_IDEMPOTENCY.CREATED_AT.lt(now.minus(lease)))
                .and(API_IDEMPOTENCY.FINGERPRINT.eq(fingerprint))
                .execute() == 1 ? Optional.of(token) : Optional.empty();
    }

    Optional<Stored> find(DSLContext tenant, UUID keyId, String idempotencyKey) {
        return tenant.select(API_IDEMPOTENCY.FINGERPRINT, API_IDEMPOTENCY.STATUS, API_IDEMPOTENCY.CONTENT_TYPE, API_IDEMPOTENCY.BODY)
                .from(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.KEY_ID.eq(keyId)).and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional(r -> new Stored(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * Stores the response of the request holding the claim {@code token}; nothing when a retry took the claim over
     * meanwhile (no row matches): the retry's response is the one replayed.
     */
    void complete(DSLContext tenant, UUID keyId, String idempotencyKey, UUID token, int status, @Nullable String contentType,
            byte[] sealedBody) {
        tenant.update(API_IDEMPOTENCY)
                .set(API_IDEMPOTENCY.STATUS, status)
                .set(API_IDEMPOTENCY.CONTENT_TYPE, contentType)
                .set(API_IDEMPOTENCY.BODY, sealedBody)
                .where(API_IDEMPOTENCY.KEY_ID.eq(keyId)).and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .and(API_IDEMPOTENCY.CLAIM_TOKEN.eq(token))
                .and(API_IDEMPOTENCY.STATUS.isNull())
                .execute();
    }

    /**
     * Forgets a claim whose request failed without an answer worth replaying, so that a retry runs it again; only
     * while this request still holds it ({@code token}), never a claim a retry took over.
     */
    void release(DSLContext tenant, UUID keyId, String idempotencyKey, UUID token) {
        tenant.deleteFrom(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.KEY_ID.eq(keyId)).and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .and(API_IDEMPOTENCY.CLAIM_TOKEN.eq(token))
                .and(API_IDEMPOTENCY.STATUS.isNull())
                .execute();
    }

    /** Deletes what was claimed before {@code cutoff}: responses past their retention, and claims nobody came back for. */
    int purge(DSLContext tenant, OffsetDateTime cutoff) {
        return tenant.deleteFrom(API_IDEMPOTENCY).where(API_IDEMPOTENCY.CREATED_AT.lt(cutoff)).execute();
    }
}
