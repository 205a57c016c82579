package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_HEAD;
import static dev.atrium.db.jooq.tenant.Tables.WORKSPACE_SETTINGS;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.TableField;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGStatement;
import org.springframework.stereotype.Repository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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

        End end() {
            return new End(lastSeq, lastHash);
        }
    }

    /** The chain's end: its last event's seq and link (0 and null before the first event). */
    record End(long seq, byte @Nullable [] hash) {
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

    /**
     * Appends the event after the chain's end {@code after} and advances the head to it, in one statement, only if
     * the head is still at {@code after}: the head's update takes its row lock, which serialises appends to one
     * workspace's log (a competing append waits, then finds the head moved and inserts nothing), and the event is
     * inserted only from the row that update returned.
     * <p>
     * The statement is rendered once per workspace's context ({@link #appendStatement}) and only bound per event:
     * building and rendering its 22 values cost more than the database's work on it.
     *
     * @return whether the head was at {@code after}, so that the event was appended
     */
    boolean appendAfter(DSLContext tenant, End after, AuditEvent event, AuditChain.Link link) {
        AppendStatement statement = appendStatements.get(tenant, AuditRepository::appendStatement);
        Object[] binds = new Object[statement.params().size()];
        for (int k = 0; k < binds.length; k++) {
            Param<?> param = statement.params().get(k);
            binds[k] = DSL.val(appendValue(param.getParamName(), after, event, link), param.getDataType());
        }
        return tenant.query(statement.sql(), binds).execute() == 1;
    }

    /** The append's SQL with its parameters in bind order. */
    private record AppendStatement(String sql, List<Param<?>> params) {
    }

    /** Per workspace context (held weakly, by identity: it lives as long as {@code TenantDsl} keeps it). */
    private final Cache<DSLContext, AppendStatement> appendStatements = Caffeine.newBuilder().weakKeys().build();

    private static AppendStatement appendStatement(DSLContext tenant) {
        CommonTableExpression<Record1<Long>> advanced = DSL.name("advanced").as(tenant.update(AUDIT_HEAD)
                .set(AUDIT_HEAD.LAST_SEQ, param(AUDIT_HEAD.LAST_SEQ, "new_seq"))
                .set(AUDIT_HEAD.LAST_HASH, param(AUDIT_HEAD.LAST_HASH, "new_hash"))
                .where(AUDIT_HEAD.LAST_SEQ.eq(param(AUDIT_HEAD.LAST_SEQ, "after_seq")))
                .and(AUDIT_HEAD.LAST_HASH.isNotDistinctFrom(param(AUDIT_HEAD.LAST_HASH, "after_hash")))
                .returningResult(AUDIT_HEAD.LAST_SEQ));
        List<Field<?>> values = new ArrayList<>();
        values.add(advanced.field(AUDIT_HEAD.LAST_SEQ));
        APPENDED_COLUMNS.stream().skip(1).forEach(column -> values.add(param(column, column.getName())));
        Query append = tenant.with(advanced).insertInto(AUDIT_EVENT).columns(APPENDED_COLUMNS)
                .select(DSL.select(values).from(advanced));
        return new AppendStatement(tenant.render(append), List.copyOf(append.getParams().values()));
    }

    /** The columns an append writes, seq first (from the advanced head). */
    private static final List<TableField<AuditEventRecord, ?>> APPENDED_COLUMNS = List.of(AUDIT_EVENT.SEQ, AUDIT_EVENT.ID,
            AUDIT_EVENT.OCCURRED_AT, AUDIT_EVENT.ACTOR_KIND, AUDIT_EVENT.ACTOR_ID, AUDIT_EVENT.ACTOR_EMAIL,
            AUDIT_EVENT.ACTOR_NAME, AUDIT_EVENT.ACTION, AUDIT_EVENT.TARGET_TYPE, AUDIT_EVENT.TARGET_ID,
            AUDIT_EVENT.TARGET_LABEL, AUDIT_EVENT.BEFORE_VALUE, AUDIT_EVENT.AFTER_VALUE, AUDIT_EVENT.IP_ADDRESS,
            AUDIT_EVENT.USER_AGENT, AUDIT_EVENT.REQUEST_ID, AUDIT_EVENT.PREV_HASH, AUDIT_EVENT.HASH, AUDIT_EVENT.KEY_ID);

    private static <T> Param<T> param(Field<T> typed, String name) {
        return DSL.param(name, typed.getDataType());
    }

    /** The value of the append's parameter {@code name} (a column of audit_event, or the head's before and after). */
    private static @Nullable Object appendValue(String name, End after, AuditEvent event, AuditChain.Link link) {
        AuditTarget target = event.target();
        return switch (name) {
            case "new_seq" -> event.seq();
            case "new_hash", "hash" -> link.mac();
            case "after_seq" -> after.seq();
            case "after_hash", "prev_hash" -> after.hash();
            case "id" -> event.id();
            case "occurred_at" -> event.occurredAt();
            case "actor_kind" -> stored(event.actorKind());
            case "actor_id" -> event.actorId();
            case "actor_email" -> event.actorEmail();
            case "actor_name" -> event.actorName();
            case "action" -> event.action();
            case "target_type" -> target == null ? null : target.type();
            case "target_id" -> target == null ? null : target.id();
            case "target_label" -> target == null ? null : target.label();
            case "before_value" -> event.before() == null ? null : JSONB.valueOf(event.before());
            case "after_value" -> event.after() == null ? null : JSONB.valueOf(event.after());
            case "ip_address" -> event.ipAddress();
            case "user_agent" -> event.userAgent();
            case "request_id" -> event.requestId();
            case "key_id" -> link.keyId();
            default -> throw new IllegalStateException("The append has no value for " + name);
        };
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

    /**
     * Streams the events from {@code fromSeq} on (all when null), oldest first with their links, for verification,
     * until {@code each} returns false. Read straight from the JDBC result set of a server-side cursor (no jOOQ record
     * per row), in PostgreSQL's binary format where the driver has one: links, ids and times arrive as their bytes
     * instead of hex and text that the server would format and this side parse again.
     */
    void streamChain(DSLContext tenant, @Nullable Long fromSeq, Predicate<ChainedEvent> each) {
        Query query = tenant.select(CHAIN_COLUMNS).from(AUDIT_EVENT)
                .where(fromSeq == null ? DSL.noCondition() : AUDIT_EVENT.SEQ.ge(fromSeq)).orderBy(AUDIT_EVENT.SEQ.asc());
        String sql = tenant.render(query);
        List<Object> binds = tenant.extractBindValues(query);
        tenant.connection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                // pgjdbc: a negative threshold prepares on the server at once and asks for binary results.
                statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                statement.setFetchSize(CHAIN_FETCH_SIZE);
                for (int k = 0; k < binds.size(); k++) {
                    statement.setObject(k + 1, binds.get(k));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next() && each.test(chained(rs))) {
                        // each decides whether to go on
                    }
                }
            } catch (SQLException e) {
                throw new DataAccessException("Could not read the audit chain", e);
            }
        });
    }

    private static final int CHAIN_FETCH_SIZE = 5_000;

    /** The columns {@link #chained} reads, in its order. */
    private static final List<Field<?>> CHAIN_COLUMNS = List.of(AUDIT_EVENT.SEQ, AUDIT_EVENT.ID, AUDIT_EVENT.OCCURRED_AT,
            AUDIT_EVENT.ACTOR_KIND, AUDIT_EVENT.ACTOR_ID, AUDIT_EVENT.ACTOR_EMAIL, AUDIT_EVENT.ACTOR_NAME, AUDIT_EVENT.ACTION,
            AUDIT_EVENT.TARGET_TYPE, AUDIT_EVENT.TARGET_ID, AUDIT_EVENT.TARGET_LABEL, AUDIT_EVENT.BEFORE_VALUE,
            AUDIT_EVENT.AFTER_VALUE, AUDIT_EVENT.IP_ADDRESS, AUDIT_EVENT.USER_AGENT, AUDIT_EVENT.REQUEST_ID,
            AUDIT_EVENT.PREV_HASH, AUDIT_EVENT.HASH, AUDIT_EVENT.KEY_ID);

    private static ChainedEvent chained(ResultSet rs) throws SQLException {
        UUID actorId = rs.getObject(5, UUID.class);
        String actorKind = rs.getString(4);
        String targetType = rs.getString(9);
        AuditEvent event = new AuditEvent(rs.getLong(1), rs.getObject(2, UUID.class), rs.getObject(3, OffsetDateTime.class),
                actorKind == null ? AuditEvent.impliedKind(actorId) : Actor.Kind.valueOf(actorKind.toUpperCase(Locale.ROOT)),
                actorId, rs.getString(6), rs.getString(7), rs.getString(8),
                targetType == null ? null : new AuditTarget(targetType, rs.getString(10), rs.getString(11)),
                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16));
        return new ChainedEvent(event, rs.getBytes(17), rs.getBytes(18), rs.getObject(19, Integer.class));
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

    /**
     * The actor's e-mail and name as one text, a line break between them: what the actor filter searches, and what the
     * trigram index audit_event_actor_trgm_ix (tenant changelog 026) holds, lowered, as {@code containsIgnoreCase}
     * renders it. A filter typed into one line has no line break, so it matches within the e-mail or the name.
     */
    static final Field<String> ACTOR_TEXT = DSL.coalesce(AUDIT_EVENT.ACTOR_EMAIL, DSL.inline(""))
            .concat(DSL.inline("\n"), DSL.coalesce(AUDIT_EVENT.ACTOR_NAME, DSL.inline("")));

    static Condition matching(AuditFilter filter) {
        Condition condition = DSL.noCondition();
        if (hasText(filter.actor())) {
            condition = condition.and(ACTOR_TEXT.containsIgnoreCase(filter.actor().strip()));
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
