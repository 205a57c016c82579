package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_HEAD;
import static dev.atrium.db.jooq.tenant.Tables.WORKSPACE_SETTINGS;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

import dev.atrium.admin.tenancy.Actor;
import dev.atrium.db.jooq.tenant.tables.records.AuditEventRecord;
import dev.atrium.db.jooq.tenant.tables.records.AuditHeadRecord;

@Repository
class AuditRepository {

    /**
     * The chain's end, and its start after a purge: the first event kept ({@code anchorSeq}, null before any purge) and
     * the link it follows; plain-hash events are accepted up to {@code legacyUntilSeq}.
     */
    record Head(long lastSeq, byte @Nullable [] lastHash, @Nullable Long anchorSeq, byte @Nullable [] anchorPrevHash,
            long legacyUntilSeq) {
    }

    /** An event with the links that chain it: the previous event's, its own, and the id of the key that made it. */
    record ChainedEvent(AuditEvent event, byte @Nullable [] prevHash, byte[] hash, @Nullable Integer keyId) {
    }

    /** Locks the chain's end until the transaction ends: appends to one workspace's log happen one at a time. */
    Head lockHead(DSLContext tenant) {
        return toHead(tenant.selectFrom(AUDIT_HEAD).forUpdate().fetchSingle());
    }

    Head head(DSLContext tenant) {
        return toHead(tenant.selectFrom(AUDIT_HEAD).fetchSingle());
    }

    void append(DSLContext tenant, AuditEvent event, byte[] previousLink, AuditChain.Link link) {
        tenant.insertInto(AUDIT_EVENT)
                .set(AUDIT_EVENT.SEQ, event.seq())
                .set(AUDIT_EVENT.ID, event.id())
                .set(AUDIT_EVENT.OCCURRED_AT, event.occurredAt())
                .set(AUDIT_EVENT.ACTOR_KIND, stored(event.actorKind()))
                .set(AUDIT_EVENT.ACTOR_ID, event.actorId())
                .set(AUDIT_EVENT.ACTOR_EMAIL, event.actorEmail())
                .set(AUDIT_EVENT.ACTOR_NAME, event.actorName())
                .set(AUDIT_EVENT.ACTION, event.action())
                .set(AUDIT_EVENT.TARGET_TYPE, event.target() == null ? null : event.target().type())
                .set(AUDIT_EVENT.TARGET_ID, event.target() == null ? null : event.target().id())
                .set(AUDIT_EVENT.TARGET_LABEL, event.target() == null ? null : event.target().label())
                .set(AUDIT_EVENT.BEFORE_VALUE, event.before() == null ? null : JSONB.valueOf(event.before()))
                .set(AUDIT_EVENT.AFTER_VALUE, event.after() == null ? null : JSONB.valueOf(event.after()))
                .set(AUDIT_EVENT.IP_ADDRESS, event.ipAddress())
                .set(AUDIT_EVENT.USER_AGENT, event.userAgent())
                .set(AUDIT_EVENT.REQUEST_ID, event.requestId())
                .set(AUDIT_EVENT.PREV_HASH, previousLink)
                .set(AUDIT_EVENT.HASH, link.mac())
                .set(AUDIT_EVENT.KEY_ID, link.keyId())
                .execute();
        tenant.update(AUDIT_HEAD).set(AUDIT_HEAD.LAST_SEQ, event.seq()).set(AUDIT_HEAD.LAST_HASH, link.mac()).execute();
    }

    /** Newest first, before {@code beforeSeq} (exclusive) when given: keyset paging, as fast deep as at the top. */
    List<AuditEvent> olderThan(DSLContext tenant, Condition filter, Long beforeSeq, int limit) {
        return tenant.selectFrom(AUDIT_EVENT)
                .where(filter).and(beforeSeq == null ? DSL.noCondition() : AUDIT_EVENT.SEQ.lt(beforeSeq))
                .orderBy(AUDIT_EVENT.SEQ.desc())
                .limit(limit)
                .fetch(AuditRepository::toEvent);
    }

    /** Oldest first, after {@code afterSeq} (exclusive): the page above the one shown. */
    List<AuditEvent> newerThan(DSLContext tenant, Condition filter, long afterSeq, int limit) {
        return tenant.selectFrom(AUDIT_EVENT)
                .where(filter).and(AUDIT_EVENT.SEQ.gt(afterSeq))
                .orderBy(AUDIT_EVENT.SEQ.asc())
                .limit(limit)
                .fetch(AuditRepository::toEvent);
    }

    /** Streams the matching events, newest first, from a server-side cursor; must run inside a transaction. */
    void stream(DSLContext tenant, Condition filter, Consumer<AuditEvent> each) {
        try (Cursor<AuditEventRecord> cursor = tenant.selectFrom(AUDIT_EVENT).where(filter)
                .orderBy(AUDIT_EVENT.SEQ.desc()).fetchSize(1_000).fetchLazy()) {
            cursor.forEach(r -> each.accept(toEvent(r)));
        }
    }

    /** Streams the events from {@code fromSeq} on (all when null), oldest first with their links, for verification. */
    void streamChain(DSLContext tenant, @Nullable Long fromSeq, Consumer<ChainedEvent> each) {
        try (Cursor<AuditEventRecord> cursor = tenant.selectFrom(AUDIT_EVENT)
                .where(fromSeq == null ? DSL.noCondition() : AUDIT_EVENT.SEQ.ge(fromSeq)).orderBy(AUDIT_EVENT.SEQ.asc())
                .fetchSize(5_000).fetchLazy()) {
            cursor.forEach(r -> each.accept(new ChainedEvent(toEvent(r), r.getPrevHash(), r.getHash(), r.getKeyId())));
        }
    }

    int retentionDays(DSLContext tenant) {
        return tenant.select(WORKSPACE_SETTINGS.AUDIT_RETENTION_DAYS).from(WORKSPACE_SETTINGS).fetchSingle().value1();
    }

    void setRetentionDays(DSLContext tenant, int days) {
        tenant.update(WORKSPACE_SETTINGS).set(WORKSPACE_SETTINGS.AUDIT_RETENTION_DAYS, days).execute();
    }

    /** What a purge did: how many events went, and the chain's new anchor. */
    record Purge(int deleted, long anchorSeq, byte[] anchorPrevHash) {
    }

    /** Deletes events older than the cut-off and anchors the chain at the first event kept; empty if none went. */
    Optional<Purge> purgeBefore(DSLContext tenant, OffsetDateTime cutoff) {
        Long lastPurged = tenant.select(DSL.max(AUDIT_EVENT.SEQ)).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.OCCURRED_AT.lt(cutoff)).fetchOne().value1();
        if (lastPurged == null) {
            return Optional.empty();
        }
        byte[] anchorHash = tenant.select(AUDIT_EVENT.HASH).from(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.eq(lastPurged)).fetchSingle().value1();
        int deleted = tenant.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.le(lastPurged)).execute();
        tenant.update(AUDIT_HEAD).set(AUDIT_HEAD.ANCHOR_SEQ, lastPurged + 1).set(AUDIT_HEAD.ANCHOR_PREV_HASH, anchorHash).execute();
        return Optional.of(new Purge(deleted, lastPurged + 1, anchorHash));
    }

    static Condition matching(AuditFilter filter) {
        Condition condition = DSL.noCondition();
        if (hasText(filter.actor())) {
            condition = condition.and(AUDIT_EVENT.ACTOR_EMAIL.containsIgnoreCase(filter.actor().strip())
                    .or(AUDIT_EVENT.ACTOR_NAME.containsIgnoreCase(filter.actor().strip())));
        }
        if (hasText(filter.action())) {
            condition = condition.and(filter.action().endsWith(".") ? AUDIT_EVENT.ACTION.startsWith(filter.action())
                    : AUDIT_EVENT.ACTION.eq(filter.action()));
        }
        if (hasText(filter.target())) {
            condition = condition.and(AUDIT_EVENT.TARGET_LABEL.containsIgnoreCase(filter.target().strip())
                    .or(AUDIT_EVENT.TARGET_ID.eq(filter.target().strip())));
        }
        if (filter.from() != null) {
            condition = condition.and(AUDIT_EVENT.OCCURRED_AT.ge(filter.from()));
        }
        if (filter.to() != null) {
            condition = condition.and(AUDIT_EVENT.OCCURRED_AT.lt(filter.to()));
        }
        if (hasText(filter.text())) {
            String text = filter.text().strip();
            condition = condition.and(AUDIT_EVENT.ACTION.containsIgnoreCase(text)
                    .or(AUDIT_EVENT.ACTOR_EMAIL.containsIgnoreCase(text))
                    .or(AUDIT_EVENT.ACTOR_NAME.containsIgnoreCase(text))
                    .or(AUDIT_EVENT.TARGET_LABEL.containsIgnoreCase(text))
                    .or(AUDIT_EVENT.BEFORE_VALUE.cast(String.class).containsIgnoreCase(text))
                    .or(AUDIT_EVENT.AFTER_VALUE.cast(String.class).containsIgnoreCase(text)));
        }
        return condition;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static Head toHead(AuditHeadRecord r) {
        return new Head(r.getLastSeq(), r.getLastHash(), r.getAnchorSeq(), r.getAnchorPrevHash(), r.getLegacyUntilSeq());
    }

    static AuditEvent toEvent(AuditEventRecord r) {
        return new AuditEvent(r.getSeq(), r.getId(), r.getOccurredAt(),
                r.getActorKind() == null ? AuditEvent.impliedKind(r.getActorId()) : Actor.Kind.valueOf(r.getActorKind().toUpperCase(Locale.ROOT)),
                r.getActorId(), r.getActorEmail(), r.getActorName(),
                r.getAction(), r.getTargetType() == null ? null : new AuditTarget(r.getTargetType(), r.getTargetId(), r.getTargetLabel()),
                r.getBeforeValue() == null ? null : r.getBeforeValue().data(), r.getAfterValue() == null ? null : r.getAfterValue().data(),
                r.getIpAddress(), r.getUserAgent(), r.getRequestId());
    }

    /** As the column holds it: member, system, api_key. */
    private static String stored(Actor.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
