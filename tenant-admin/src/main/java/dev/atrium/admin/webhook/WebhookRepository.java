package dev.atrium.admin.webhook;

import static dev.atrium.db.jooq.platform.Tables.WEBHOOK_WORKSPACE;
import static dev.atrium.db.jooq.tenant.Tables.WEBHOOK_ATTEMPT;
import static dev.atrium.db.jooq.tenant.Tables.WEBHOOK_DELIVERY;
import static dev.atrium.db.jooq.tenant.Tables.WEBHOOK_ENDPOINT;
import static dev.atrium.db.jooq.tenant.Tables.WEBHOOK_PREVIOUS_SECRET;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.tenancy.WorkspaceBinding;
import dev.atrium.admin.tenancy.WorkspaceLocks;
import dev.atrium.admin.tenancy.WorkspaceWorkList;
import dev.atrium.db.jooq.platform.tables.records.WebhookWorkspaceRecord;

@Repository
class WebhookRepository {

    /** An endpoint with its sealed current secret, as deciding and signing need it. */
    record Endpoint(WebhookEndpoint endpoint, byte[] secretSealed) {
    }

    /** The head of an endpoint's queue, locked by this transaction. */
    record Claimed(UUID id, String eventType, String payload, int attempts, @Nullable OffsetDateTime firstAttemptAt,
            Endpoint endpoint) {
    }

    /**
     * The workspaces that have had an endpoint, which the delivery job visits between its visits of all: listed in the
     * transaction that adds one, never taken off.
     */
    static final WorkspaceWorkList<WebhookWorkspaceRecord> HAD_ENDPOINTS =
            new WorkspaceWorkList<>(WEBHOOK_WORKSPACE, WEBHOOK_WORKSPACE.WORKSPACE_ID);

    void insertEndpoint(DSLContext tenant, UUID id, String url, List<String> eventTypes, byte[] secretSealed,
            @Nullable UUID createdBy, OffsetDateTime now) {
        tenant.insertInto(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.ID, id)
                .set(WEBHOOK_ENDPOINT.URL, url)
                .set(WEBHOOK_ENDPOINT.EVENT_TYPES, eventTypes.toArray(String[]::new))
                .set(WEBHOOK_ENDPOINT.SECRET_SEALED, secretSealed)
                .set(WEBHOOK_ENDPOINT.CREATED_BY, createdBy)
                .set(WEBHOOK_ENDPOINT.CREATED_AT, now)
                .execute();
    }

    /**
     * How many endpoints the workspace has, counted under its lock for adding endpoints, held until the transaction
     * ends: of two endpoints added at once, the second counts the first.
     */
    int lockAndCountEndpoints(DSLContext tenant, WorkspaceBinding workspace) {
        WorkspaceLocks.holdUntilCommit(tenant, "webhook-endpoints", workspace);
        return tenant.fetchCount(WEBHOOK_ENDPOINT);
    }

    List<Endpoint> endpoints(DSLContext tenant) {
        return tenant.selectFrom(WEBHOOK_ENDPOINT).orderBy(WEBHOOK_ENDPOINT.CREATED_AT, WEBHOOK_ENDPOINT.ID).fetch(WebhookRepository::endpoint);
    }

    /** The endpoint, locked until the transaction ends, so changes to one endpoint are made one after the other. */
    Optional<Endpoint> lockEndpoint(DSLContext tenant, UUID id) {
        return tenant.selectFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(id)).forUpdate().fetchOptional(WebhookRepository::endpoint);
    }

    private static Endpoint endpoint(Record r) {
        return new Endpoint(new WebhookEndpoint(r.get(WEBHOOK_ENDPOINT.ID), r.get(WEBHOOK_ENDPOINT.URL),
                List.of(r.get(WEBHOOK_ENDPOINT.EVENT_TYPES)), r.get(WEBHOOK_ENDPOINT.ENABLED), r.get(WEBHOOK_ENDPOINT.DISABLED_REASON),
                r.get(WEBHOOK_ENDPOINT.CREATED_AT)), r.get(WEBHOOK_ENDPOINT.SECRET_SEALED));
    }

    int update(DSLContext tenant, UUID id, String url, List<String> eventTypes) {
        return tenant.update(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.URL, url)
                .set(WEBHOOK_ENDPOINT.EVENT_TYPES, eventTypes.toArray(String[]::new))
                .where(WEBHOOK_ENDPOINT.ID.eq(id)).execute();
    }

    int setEnabled(DSLContext tenant, UUID id, boolean enabled, @Nullable String disabledReason) {
        return tenant.update(WEBHOOK_ENDPOINT)
                .set(WEBHOOK_ENDPOINT.ENABLED, enabled)
                .set(WEBHOOK_ENDPOINT.DISABLED_REASON, disabledReason)
                .where(WEBHOOK_ENDPOINT.ID.eq(id)).execute();
    }

    int delete(DSLContext tenant, UUID id) {
        return tenant.deleteFrom(WEBHOOK_ENDPOINT).where(WEBHOOK_ENDPOINT.ID.eq(id)).execute();
    }

    /**
     * Gives the endpoint its new secret and keeps the one it replaces signing until {@code previousUntil}; secrets
     * whose day is over are dropped.
     */
    void rotate(DSLContext tenant, UUID id, byte[] secretSealed, byte[] previousSealed, OffsetDateTime previousUntil,
            OffsetDateTime now) {
        tenant.deleteFrom(WEBHOOK_PREVIOUS_SECRET).where(WEBHOOK_PREVIOUS_SECRET.ENDPOINT_ID.eq(id))
                .and(WEBHOOK_PREVIOUS_SECRET.SIGNS_UNTIL.le(now)).execute();
        tenant.insertInto(WEBHOOK_PREVIOUS_SECRET)
                .set(WEBHOOK_PREVIOUS_SECRET.ENDPOINT_ID, id)
                .set(WEBHOOK_PREVIOUS_SECRET.SECRET_SEALED, previousSealed)
                .set(WEBHOOK_PREVIOUS_SECRET.SIGNS_UNTIL, previousUntil)
                .execute();
        tenant.update(WEBHOOK_ENDPOINT).set(WEBHOOK_ENDPOINT.SECRET_SEALED, secretSealed).where(WEBHOOK_ENDPOINT.ID.eq(id)).execute();
    }

    /** The sealed secrets rotations replaced that still sign at {@code now}, oldest first. */
    List<byte[]> previousSecretsSigning(DSLContext tenant, UUID id, OffsetDateTime now) {
        return tenant.select(WEBHOOK_PREVIOUS_SECRET.SECRET_SEALED).from(WEBHOOK_PREVIOUS_SECRET)
                .where(WEBHOOK_PREVIOUS_SECRET.ENDPOINT_ID.eq(id)).and(WEBHOOK_PREVIOUS_SECRET.SIGNS_UNTIL.gt(now))
                .orderBy(WEBHOOK_PREVIOUS_SECRET.SIGNS_UNTIL)
                .fetch(WEBHOOK_PREVIOUS_SECRET.SECRET_SEALED);
    }

    /** The enabled endpoints and the event types each subscribes to, oldest first. */
    List<WebhookSubscriptions.Subscription> subscriptions(DSLContext tenant) {
        return tenant.select(WEBHOOK_ENDPOINT.ID, WEBHOOK_ENDPOINT.EVENT_TYPES).from(WEBHOOK_ENDPOINT)
                .where(WEBHOOK_ENDPOINT.ENABLED)
                .orderBy(WEBHOOK_ENDPOINT.CREATED_AT, WEBHOOK_ENDPOINT.ID)
                .fetch(r -> new WebhookSubscriptions.Subscription(r.value1(), List.of(r.value2())));
    }

    /**
     * Queues a message for the endpoint if it still exists, is enabled and subscribes to the event type (the
     * subscriptions it was chosen from may be a moment old, another node's more so); whether it was queued.
     */
    boolean queueIfEnabled(DSLContext tenant, UUID id, UUID endpointId, String eventType, String payload, OffsetDateTime now) {
        return tenant.insertInto(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.ID, WEBHOOK_DELIVERY.ENDPOINT_ID, WEBHOOK_DELIVERY.EVENT_TYPE,
                        WEBHOOK_DELIVERY.PAYLOAD, WEBHOOK_DELIVERY.STATUS, WEBHOOK_DELIVERY.CREATED_AT, WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT)
                .select(DSL.select(DSL.val(id, WEBHOOK_DELIVERY.ID), WEBHOOK_ENDPOINT.ID, DSL.val(eventType, WEBHOOK_DELIVERY.EVENT_TYPE),
                                DSL.val(payload, WEBHOOK_DELIVERY.PAYLOAD),
                                DSL.val(WebhookDelivery.Status.PENDING.name(), WEBHOOK_DELIVERY.STATUS),
                                DSL.val(now, WEBHOOK_DELIVERY.CREATED_AT), DSL.val(now, WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT))
                        .from(WEBHOOK_ENDPOINT)
                        .where(WEBHOOK_ENDPOINT.ID.eq(endpointId)).and(WEBHOOK_ENDPOINT.ENABLED)
                        .and(DSL.val(eventType).eq(DSL.any(WEBHOOK_ENDPOINT.EVENT_TYPES))))
                .execute() == 1;
    }

    void insertDelivery(DSLContext tenant, UUID id, UUID endpointId, String eventType, String payload, OffsetDateTime now) {
        tenant.insertInto(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.ID, id)
                .set(WEBHOOK_DELIVERY.ENDPOINT_ID, endpointId)
                .set(WEBHOOK_DELIVERY.EVENT_TYPE, eventType)
                .set(WEBHOOK_DELIVERY.PAYLOAD, payload)
                .set(WEBHOOK_DELIVERY.STATUS, WebhookDelivery.Status.PENDING.name())
                .set(WEBHOOK_DELIVERY.CREATED_AT, now)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, now)
                .execute();
    }

    /**
     * Locks the oldest pending message of some enabled endpoint, if it is due, and its endpoint. Only an endpoint's
     * oldest pending message is ever taken, so its messages go out in creation order and one that keeps failing holds
     * back the later ones. The endpoint is locked too, and SKIP LOCKED passes over an endpoint another worker is
     * sending to: an endpoint has one message in flight at a time even when an older one becomes its oldest pending
     * meanwhile (redelivered, or queued by a transaction that committed late); and a change to the endpoint (delete,
     * disable) waits for the attempt instead of deadlocking with its end, which may disable the endpoint. NO KEY
     * UPDATE, so that queuing new messages (their foreign key check takes KEY SHARE) does not wait for an attempt.
     * A message delivered by another worker since this statement's snapshot is re-checked on locking and no longer
     * pending, so it is not taken again.
     */
    Optional<Claimed> claimDue(DSLContext tenant, OffsetDateTime now) {
        var head = WEBHOOK_DELIVERY.as("head");
        return tenant.select(WEBHOOK_DELIVERY.ID, WEBHOOK_DELIVERY.EVENT_TYPE, WEBHOOK_DELIVERY.PAYLOAD, WEBHOOK_DELIVERY.ATTEMPTS,
                        WEBHOOK_DELIVERY.FIRST_ATTEMPT_AT)
                .select(WEBHOOK_ENDPOINT.fields())
                .from(WEBHOOK_DELIVERY).join(WEBHOOK_ENDPOINT).on(WEBHOOK_ENDPOINT.ID.eq(WEBHOOK_DELIVERY.ENDPOINT_ID))
                .where(WEBHOOK_DELIVERY.STATUS.eq(WebhookDelivery.Status.PENDING.name()))
                .and(WEBHOOK_ENDPOINT.ENABLED)
                .and(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT.le(now))
                .and(WEBHOOK_DELIVERY.SEQ.eq(DSL.select(DSL.min(head.SEQ)).from(head)
                        .where(head.ENDPOINT_ID.eq(WEBHOOK_DELIVERY.ENDPOINT_ID))
                        .and(head.STATUS.eq(WebhookDelivery.Status.PENDING.name()))))
                .orderBy(WEBHOOK_DELIVERY.SEQ)
                .limit(1)
                .forNoKeyUpdate().of(WEBHOOK_DELIVERY, WEBHOOK_ENDPOINT).skipLocked()
                .fetchOptional(r -> new Claimed(r.get(WEBHOOK_DELIVERY.ID), r.get(WEBHOOK_DELIVERY.EVENT_TYPE),
                        r.get(WEBHOOK_DELIVERY.PAYLOAD), r.get(WEBHOOK_DELIVERY.ATTEMPTS), r.get(WEBHOOK_DELIVERY.FIRST_ATTEMPT_AT),
                        endpoint(r)));
    }

    void recordAttempt(DSLContext tenant, UUID deliveryId, OffsetDateTime at, WebhookSender.Outcome outcome) {
        tenant.insertInto(WEBHOOK_ATTEMPT)
                .set(WEBHOOK_ATTEMPT.DELIVERY_ID, deliveryId)
                .set(WEBHOOK_ATTEMPT.ATTEMPTED_AT, at)
                .set(WEBHOOK_ATTEMPT.HTTP_STATUS, outcome.httpStatus())
                .set(WEBHOOK_ATTEMPT.LATENCY_MS, outcome.latencyMillis())
                .set(WEBHOOK_ATTEMPT.ERROR, outcome.error())
                .execute();
    }

    /** After an attempt: delivered, to be retried at {@code nextAttemptAt}, or failed for good. */
    int recordOutcome(DSLContext tenant, UUID id, WebhookDelivery.Status status, OffsetDateTime firstAttemptAt,
            OffsetDateTime nextAttemptAt, @Nullable OffsetDateTime deliveredAt) {
        return tenant.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATUS, status.name())
                .set(WEBHOOK_DELIVERY.ATTEMPTS, WEBHOOK_DELIVERY.ATTEMPTS.plus(1))
                .set(WEBHOOK_DELIVERY.FIRST_ATTEMPT_AT, firstAttemptAt)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, nextAttemptAt)
                .set(WEBHOOK_DELIVERY.DELIVERED_AT, deliveredAt)
                .where(WEBHOOK_DELIVERY.ID.eq(id)).and(WEBHOOK_DELIVERY.STATUS.eq(WebhookDelivery.Status.PENDING.name()))
                .execute();
    }

    /** Sends the message again, as soon as it is its endpoint's oldest pending one, with a new retry window. */
    int redeliver(DSLContext tenant, UUID id, OffsetDateTime now) {
        return tenant.update(WEBHOOK_DELIVERY)
                .set(WEBHOOK_DELIVERY.STATUS, WebhookDelivery.Status.PENDING.name())
                .setNull(WEBHOOK_DELIVERY.FIRST_ATTEMPT_AT)
                .set(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT, now)
                .where(WEBHOOK_DELIVERY.ID.eq(id)).and(WEBHOOK_DELIVERY.STATUS.ne(WebhookDelivery.Status.PENDING.name()))
                .execute();
    }

    Optional<UUID> endpointOf(DSLContext tenant, UUID deliveryId) {
        return tenant.select(WEBHOOK_DELIVERY.ENDPOINT_ID).from(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.ID.eq(deliveryId))
                .fetchOptional(r -> r.value1());
    }

    /** The endpoint's newest messages first, each with its attempts oldest first. */
    List<WebhookDelivery> deliveries(DSLContext tenant, UUID endpointId, int limit) {
        List<Record> rows = List.copyOf(tenant.selectFrom(WEBHOOK_DELIVERY).where(WEBHOOK_DELIVERY.ENDPOINT_ID.eq(endpointId))
                .orderBy(WEBHOOK_DELIVERY.SEQ.desc()).limit(limit).fetch());
        List<UUID> ids = rows.stream().map(r -> r.get(WEBHOOK_DELIVERY.ID)).toList();
        Map<UUID, List<WebhookDelivery.Attempt>> attempts = tenant.selectFrom(WEBHOOK_ATTEMPT)
                .where(WEBHOOK_ATTEMPT.DELIVERY_ID.in(ids)).orderBy(WEBHOOK_ATTEMPT.ID).fetch().stream()
                .collect(Collectors.groupingBy(a -> a.getDeliveryId(), Collectors.mapping(
                        a -> new WebhookDelivery.Attempt(a.getAttemptedAt(), a.getHttpStatus(),
                                a.getLatencyMs(), a.getError()), Collectors.toList())));
        return rows.stream().map(r -> new WebhookDelivery(r.get(WEBHOOK_DELIVERY.ID),
                r.get(WEBHOOK_DELIVERY.EVENT_TYPE), WebhookDelivery.Status.valueOf(r.get(WEBHOOK_DELIVERY.STATUS)),
                r.get(WEBHOOK_DELIVERY.ATTEMPTS), r.get(WEBHOOK_DELIVERY.CREATED_AT), r.get(WEBHOOK_DELIVERY.NEXT_ATTEMPT_AT),
                r.get(WEBHOOK_DELIVERY.DELIVERED_AT), attempts.getOrDefault(r.get(WEBHOOK_DELIVERY.ID), List.of()))).toList();
    }
}
