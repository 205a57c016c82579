package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_ACTOR;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_HEAD;
import static dev.atrium.db.jooq.tenant.Tables.WORKSPACE_SETTINGS;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.PGStatement;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
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
     * the link it follows; plain-hash events are accepted up to {@code legacyUntilSeq}, if {@code legacyUntilMac} (by
     * key {@code legacyUntilKeyId}) authenticates it ({@link AuditChain#boundary}).
     */
    record Head(long lastSeq, byte @Nullable [] lastHash, @Nullable Long anchorSeq, byte @Nullable [] anchorPrevHash,
            long legacyUntilSeq, byte @Nullable [] legacyUntilMac, @Nullable Integer legacyUntilKeyId) {

        End end() {
            return new End(lastSeq, lastHash);
        }
    }

    /** The chain's end: its last event's seq and link (0 and null before the first event). */
    record End(long seq, byte @Nullable [] hash) {

        /** An empty chain's: where its first event follows. */
        static final End START = new End(0, null);
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

    /** Stores the MAC of the plain-hash boundary; call it holding the head's lock ({@link #lockHead}). */
    void signBoundary(DSLContext tenant, AuditChain.Link mac) {
        tenant.update(AUDIT_HEAD).set(AUDIT_HEAD.LEGACY_UNTIL_MAC, mac.mac()).set(AUDIT_HEAD.LEGACY_UNTIL_KEY_ID, mac.keyId())
                .execute();
    }

    /**
     * Appends the event after the chain's end {@code after} and advances the head to it, in one statement, only if
     * the head is still at {@code after}: the head's update takes its row lock, which serialises appends to one
     * workspace's log (a competing append waits, then finds the head moved and inserts nothing), and the event is
     * inserted only from the row that update returned, with the seq and link the head moved to.
     * <p>
     * The statement is rendered by jOOQ once per workspace's context ({@link #appendStatement}) and run on plain JDBC, on
     * the connection jOOQ's statements in this transaction use: binding its values through jOOQ and its execute
     * listeners cost more than the database's work on it. A failure is translated into Spring's
     * {@code DataAccessException} as Spring Boot's jOOQ set-up translates one from jOOQ.
     *
     * @return whether the head was at {@code after}, so that the event was appended
     */
    boolean appendAfter(DSLContext tenant, End after, AuditEvent event, AuditChain.Link link) {
        String sql = appendStatements.get(tenant, this::appendStatement);
        return tenant.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int k = 0; k < APPEND_BINDS.size(); k++) {
                    Bind bind = APPEND_BINDS.get(k);
                    Object value = bind.value().of(after, event, link);
                    if (value == null) {
                        statement.setNull(k + 1, bind.nullType());
                    } else {
                        statement.setObject(k + 1, value);
                    }
                }
                try (ResultSet appended = statement.executeQuery()) {
                    return appended.next() && appended.getInt(1) == 1;
                }
            } catch (SQLException e) {
                throw translated(tenant, "Appending an audit event", sql, e);
            }
        });
    }

    /** The append's SQL per workspace context (held weakly, by identity: it lives as long as {@code TenantDsl} keeps it). */
    private final Cache<DSLContext, String> appendStatements = Caffeine.newBuilder().weakKeys().build();

    /** A value of an append, from the end it follows, the event and its link. */
    @FunctionalInterface
    private interface Value {
        @Nullable Object of(End after, AuditEvent event, AuditChain.Link link);
    }

    /**
     * One of the append's parameters: the column it fills (none for the head's), where its value comes from, and the
     * JDBC type a null is sent as: bytea for a link (a placeholder of no type in the insert's select list would be taken
     * as text), else none, left to the statement's cast or column.
     */
    private record Bind(@Nullable TableField<AuditEventRecord, ?> column, Value value, int nullType) {

        static Bind head(Field<?> field, Value value) {
            return new Bind(null, value, nullType(field));
        }

        static Bind column(TableField<AuditEventRecord, ?> column, Value value) {
            return new Bind(column, value, nullType(column));
        }

        private static int nullType(Field<?> field) {
            return field.getType() == byte[].class ? Types.BINARY : Types.OTHER;
        }
    }

    /**
     * The append's parameters in the order of its placeholders: the head's new link, the end it must still be at, then
     * the event's columns (its seq and link are the ones the head moved to).
     */
    private static final List<Bind> APPEND_BINDS = List.of(
            Bind.head(AUDIT_HEAD.LAST_HASH, (after, event, link) -> link.mac()),
            Bind.head(AUDIT_HEAD.LAST_SEQ, (after, event, link) -> after.seq()),
            Bind.head(AUDIT_HEAD.LAST_HASH, (after, event, link) -> after.hash()),
            Bind.column(AUDIT_EVENT.ID, (after, event, link) -> event.id()),
            Bind.column(AUDIT_EVENT.OCCURRED_AT, (after, event, link) -> event.occurredAt()),
            Bind.column(AUDIT_EVENT.ACTOR_KIND, (after, event, link) -> stored(event.actorKind())),
            Bind.column(AUDIT_EVENT.ACTOR_ID, (after, event, link) -> event.actorId()),
            Bind.column(AUDIT_EVENT.ACTOR_EMAIL, (after, event, link) -> event.actorEmail()),
            Bind.column(AUDIT_EVENT.ACTOR_NAME, (after, event, link) -> event.actorName()),
            Bind.column(AUDIT_EVENT.ACTION, (after, event, link) -> event.action()),
            Bind.column(AUDIT_EVENT.TARGET_TYPE, (after, event, link) -> event.target() == null ? null : event.target().type()),
            Bind.column(AUDIT_EVENT.TARGET_ID, (after, event, link) -> event.target() == null ? null : event.target().id()),
            Bind.column(AUDIT_EVENT.TARGET_LABEL, (after, event, link) -> event.target() == null ? null : event.target().label()),
            Bind.column(AUDIT_EVENT.BEFORE_VALUE, (after, event, link) -> event.before()),
            Bind.column(AUDIT_EVENT.AFTER_VALUE, (after, event, link) -> event.after()),
            Bind.column(AUDIT_EVENT.IP_ADDRESS, (after, event, link) -> event.ipAddress()),
            Bind.column(AUDIT_EVENT.USER_AGENT, (after, event, link) -> event.userAgent()),
            Bind.column(AUDIT_EVENT.REQUEST_ID, (after, event, link) -> event.requestId()),
            Bind.column(AUDIT_EVENT.PREV_HASH, (after, event, link) -> after.hash()),
            Bind.column(AUDIT_EVENT.KEY_ID, (after, event, link) -> link.keyId()));

    /**
     * {@code with advanced as (update audit_head set last_seq = last_seq + 1, last_hash = ? where last_seq = ? and
     * last_hash is not distinct from ? returning last_seq, last_hash) insert into audit_event (seq, …, hash) select
     * advanced.last_seq, ?, …, advanced.last_hash from advanced}, its placeholders named by their place in
     * {@link #APPEND_BINDS}. Unattached: a workspace's context renders it with its own schema.
     */
    private static Query appendQuery() {
        CommonTableExpression<Record2<Long, byte[]>> advanced = DSL.name("advanced").as(DSL.update(AUDIT_HEAD)
                .set(AUDIT_HEAD.LAST_SEQ, AUDIT_HEAD.LAST_SEQ.plus(DSL.inline(1L)))
                .set(AUDIT_HEAD.LAST_HASH, placeholder(0, AUDIT_HEAD.LAST_HASH))
                .where(AUDIT_HEAD.LAST_SEQ.eq(placeholder(1, AUDIT_HEAD.LAST_SEQ)))
                .and(AUDIT_HEAD.LAST_HASH.isNotDistinctFrom(placeholder(2, AUDIT_HEAD.LAST_HASH)))
                .returningResult(AUDIT_HEAD.LAST_SEQ, AUDIT_HEAD.LAST_HASH));
        List<Field<?>> columns = new ArrayList<>(List.of(AUDIT_EVENT.SEQ, AUDIT_EVENT.HASH));
        List<Field<?>> values = new ArrayList<>(List.of(advanced.field(AUDIT_HEAD.LAST_SEQ), advanced.field(AUDIT_HEAD.LAST_HASH)));
        for (int k = 0; k < APPEND_BINDS.size(); k++) {
            Bind bind = APPEND_BINDS.get(k);
            if (bind.column() != null) {
                columns.add(bind.column());
                values.add(placeholder(k, bind.column()));
            }
        }
        CommonTableExpression<Record2<String, String>> appended = DSL.name("appended").as(DSL.insertInto(AUDIT_EVENT)
                .columns(columns).select(DSL.select(values).from(advanced))
                .returningResult(AUDIT_EVENT.ACTOR_EMAIL, AUDIT_EVENT.ACTOR_NAME));
        CommonTableExpression<Record1<String>> actor = DSL.name("actor").as(DSL.insertInto(AUDIT_ACTOR, AUDIT_ACTOR.ACTOR_KEY)
                .select(DSL.select(actorKey(appended.field(AUDIT_EVENT.ACTOR_EMAIL), appended.field(AUDIT_EVENT.ACTOR_NAME)))
                        .from(appended))
                .onConflictDoNothing()
                .returningResult(AUDIT_ACTOR.ACTOR_KEY));
        return DSL.with(advanced, appended, actor).select(DSL.count()).from(appended);
    }

    /**
     * Whether the order in which jOOQ renders the append's placeholders was checked against {@link #APPEND_BINDS}: it
     * depends on the statement's shape, not on the schema, so once per process. A new workspace renders the statement
     * in its creation, so this check must not be paid per workspace.
     */
    private volatile boolean appendOrderChecked;

    private String appendStatement(DSLContext tenant) {
        Query append = appendQuery();
        if (!appendOrderChecked) {
            List<String> order = NAMED_PLACEHOLDER.matcher(tenant.renderNamedParams(append)).results().map(m -> m.group(1)).toList();
            if (!order.equals(IntStream.range(0, APPEND_BINDS.size()).mapToObj(String::valueOf).toList())) {
                throw new IllegalStateException("The append's placeholders are rendered in another order: " + order);
            }
            appendOrderChecked = true;
        }
        return tenant.render(append);
    }

    /** The failure of a statement run on plain JDBC, translated as Spring Boot's jOOQ set-up translates jOOQ's. */
    private static DataAccessException translated(DSLContext tenant, String task, String sql, SQLException failure) {
        String database = tenant.dialect().thirdParty().springDbName();
        SQLExceptionTranslator translator = database == null ? new SQLExceptionSubclassTranslator()
                : new SQLErrorCodeSQLExceptionTranslator(database);
        DataAccessException translated = translator.translate(task, sql, failure);
        return translated != null ? translated : new UncategorizedSQLException(task, sql, failure);
    }

    /** A placeholder as {@code renderNamedParams} writes it, {@code :name}, not a cast's {@code ::}. */
    private static final Pattern NAMED_PLACEHOLDER = Pattern.compile("(?<![:\\w]):(\\d+)");

    private static <T> Param<T> placeholder(int position, Field<T> typed) {
        return DSL.param(String.valueOf(position), typed.getDataType());
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
                try (ResultSet rs = inBinary(statement)) {
                    while (rs.next() && each.test(chained(rs))) {
                        // each decides whether to go on
                    }
                }
            } catch (SQLException e) {
                throw translated(tenant, "Reading the audit chain", sql, e);
            }
        });
    }

    private static final int CHAIN_FETCH_SIZE = 5_000;

    /**
     * The chain's rows, in binary where pgjdbc has a binary format. After DDL on the connection (a workspace's creation
     * renames a schema) pgjdbc forgets what it knew of the statements it prepared there, and the next execution of each
     * gets text: that one is closed at once, having read one fetch, and the statement run again, described this time.
     */
    private static ResultSet inBinary(PreparedStatement statement) throws SQLException {
        ResultSet rows = statement.executeQuery();
        if (rows.getMetaData().unwrap(PGResultSetMetaData.class).getFormat(CHAIN_COLUMNS.indexOf(AUDIT_EVENT.HASH) + 1) == BINARY) {
            return rows;
        }
        rows.close();
        return statement.executeQuery();
    }

    /** {@link PGResultSetMetaData#getFormat}'s value for a column sent in binary. */
    private static final int BINARY = 1;

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

    /**
     * The retention, with the settings row locked until the transaction ends (before the log's head, as every change
     * locks what it changes first): of two changes at once, the second reads what the first saved.
     */
    int lockRetentionDays(DSLContext tenant) {
        return tenant.select(WORKSPACE_SETTINGS.AUDIT_RETENTION_DAYS).from(WORKSPACE_SETTINGS).forUpdate().fetchSingle().value1();
    }

    void setRetentionDays(DSLContext tenant, int days) {
        tenant.update(WORKSPACE_SETTINGS).set(WORKSPACE_SETTINGS.AUDIT_RETENTION_DAYS, days).execute();
    }

    /** What a purge did: how many events went, and the chain's new anchor. */
    record Purge(int deleted, long anchorSeq, byte[] anchorPrevHash) {
    }

    /**
     * The earlier of {@code cutoff} and the cut-off of the append-only trigger, the database's {@code now()} (this
     * transaction's start, as the trigger reads it) less the retention: no event before it is refused deletion.
     */
    OffsetDateTime deletableBefore(DSLContext tenant, OffsetDateTime cutoff, int retentionDays) {
        Field<OffsetDateTime> guard = DSL.field("now() - make_interval(days => {0})", SQLDataType.TIMESTAMPWITHTIMEZONE, DSL.val(retentionDays));
        return tenant.select(DSL.least(DSL.val(cutoff), guard)).fetchSingle().value1();
    }

    /**
     * Deletes the events before the first one at or after the cut-off (events are not always stored in the order of
     * their times: a later one kept holds back earlier-stamped ones after it), and the actors no event left names, and
     * anchors the chain at the first event kept; empty if none went. Call it holding the head's lock ({@link #lockHead}).
     */
    Optional<Purge> purgeBefore(DSLContext tenant, OffsetDateTime cutoff) {
        Long firstKept = tenant.select(DSL.min(AUDIT_EVENT.SEQ)).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.OCCURRED_AT.ge(cutoff)).fetchOne().value1();
        Long lastPurged = tenant.select(DSL.max(AUDIT_EVENT.SEQ)).from(AUDIT_EVENT)
                .where(firstKept == null ? DSL.noCondition() : AUDIT_EVENT.SEQ.lt(firstKept)).fetchOne().value1();
        if (lastPurged == null) {
            return Optional.empty();
        }
        byte[] anchorHash = tenant.select(AUDIT_EVENT.HASH).from(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.eq(lastPurged)).fetchSingle().value1();
        int deleted = tenant.deleteFrom(AUDIT_EVENT).where(AUDIT_EVENT.SEQ.le(lastPurged)).execute();
        // No e-mail address or name outlives the events that held it. The caller holds the head's lock, so no append
        // lists an actor (or finds it listed) meanwhile.
        tenant.deleteFrom(AUDIT_ACTOR).whereNotExists(DSL.selectOne().from(AUDIT_EVENT).where(ACTOR_KEY.eq(AUDIT_ACTOR.ACTOR_KEY)))
                .execute();
        tenant.update(AUDIT_HEAD).set(AUDIT_HEAD.ANCHOR_SEQ, lastPurged + 1).set(AUDIT_HEAD.ANCHOR_PREV_HASH, anchorHash).execute();
        return Optional.of(new Purge(deleted, lastPurged + 1, anchorHash));
    }

    /**
     * An actor's e-mail and name as one text, lowered, a line break between them: what the actor filter searches, kept
     * once per actor in audit_actor, and the expression of the index audit_event_actor_key_ix (tenant changelog 028). A
     * filter typed into one line has no line break, so it matches within the e-mail or the name.
     */
    private static Field<String> actorKey(Field<String> email, Field<String> name) {
        return DSL.lower(DSL.coalesce(email, DSL.inline("")).concat(DSL.inline("\n"), DSL.coalesce(name, DSL.inline(""))));
    }

    static final Field<String> ACTOR_KEY = actorKey(AUDIT_EVENT.ACTOR_EMAIL, AUDIT_EVENT.ACTOR_NAME);

    /**
     * More actors than this matching a filter are not looked up one by one: their events are common, and the log is
     * read backwards testing each event's actor instead.
     */
    static final int ACTORS_LOOKED_UP = 100;

    /**
     * The events of the actors whose e-mail or name holds the text: found in the actor table first, so that the events
     * of each come from its index entries, newest first, rather than by testing every event.
     */
    private static Condition actorMatching(DSLContext tenant, String text) {
        Field<String> lowered = DSL.lower(DSL.val(text));
        List<String> keys = tenant.select(AUDIT_ACTOR.ACTOR_KEY).from(AUDIT_ACTOR).where(AUDIT_ACTOR.ACTOR_KEY.contains(lowered))
                .limit(ACTORS_LOOKED_UP + 1).fetch(AUDIT_ACTOR.ACTOR_KEY);
        return keys.size() > ACTORS_LOOKED_UP ? ACTOR_KEY.contains(lowered) : ACTOR_KEY.in(keys);
    }

    /** The filter as a condition on audit_event; an actor filter looks its actors up first. */
    static Condition matching(DSLContext tenant, AuditFilter filter) {
        Condition condition = DSL.noCondition();
        if (hasText(filter.actor())) {
            condition = condition.and(actorMatching(tenant, filter.actor().strip()));
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
        return new Head(r.getLastSeq(), r.getLastHash(), r.getAnchorSeq(), r.getAnchorPrevHash(), r.getLegacyUntilSeq(),
                r.getLegacyUntilMac(), r.getLegacyUntilKeyId());
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
