package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_ACTOR;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_HEAD;
import static dev.atrium.db.jooq.tenant.Tables.WORKSPACE_SETTINGS;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Repository;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

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

    /**
     * An event as verification reads it: its content columns as PostgreSQL sent them ({@link #chained}), which a link
     * of format 2 covers as they are, and the links that chain it (the previous event's, its own), the id of the key
     * that made its link and the link's format.
     */
    record ChainedEvent(byte[] @Nullable [] content, byte @Nullable [] prevHash, byte[] hash, @Nullable Integer keyId,
            short linkFormat) {

        long seq() {
            return (long) LONG.get(content[SEQ], 0);
        }

        UUID id() {
            return uuid(content[ID]);
        }

        boolean isPurge() {
            return Arrays.equals(content[ACTION], PURGED);
        }

        @Nullable String after() {
            return text(content[AFTER]);
        }

        /** The event decoded from its columns: for the links of format 1, which cover it as canonical JSON. */
        AuditEvent event() {
            UUID actorId = uuid(content[ACTOR_ID]);
            String targetType = text(content[TARGET_TYPE]);
            return new AuditEvent(seq(), id(), AuditHashing.timeOf((long) LONG.get(content[OCCURRED_AT], 0)),
                    AuditEvent.kindOf(text(content[ACTOR_KIND]), actorId), actorId, text(content[ACTOR_EMAIL]),
                    text(content[ACTOR_NAME]), text(content[ACTION]),
                    targetType == null ? null : new AuditTarget(targetType, text(content[TARGET_ID]), text(content[TARGET_LABEL])),
                    text(content[BEFORE]), after(), text(content[IP_ADDRESS]), text(content[USER_AGENT]), text(content[REQUEST_ID]));
        }

        private static @Nullable UUID uuid(byte @Nullable [] bytes) {
            return bytes == null ? null : new UUID((long) LONG.get(bytes, 0), (long) LONG.get(bytes, Long.BYTES));
        }

        private static @Nullable String text(byte @Nullable [] utf8) {
            return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
        }
    }

    private static final byte[] PURGED = AuditActions.AUDIT_PURGED.getBytes(StandardCharsets.UTF_8);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

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
            Bind.column(AUDIT_EVENT.ACTOR_KIND, (after, event, link) -> AuditEvent.storedKind(event.actorKind())),
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
            Bind.column(AUDIT_EVENT.KEY_ID, (after, event, link) -> link.keyId()),
            Bind.column(AUDIT_EVENT.LINK_FORMAT, (after, event, link) -> AuditHashing.COLUMNS));

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
     * until {@code each} returns false. Read as {@code COPY (…) TO STDOUT} in PostgreSQL's binary format: the server
     * sends the rows without waiting for this side to ask for the next batch, as a cursor's fetches make it, and every
     * column arrives as its bytes (links, ids and times as such, text as UTF-8), read here without a JDBC result set.
     * COPY runs in the caller's transaction and sees its snapshot; it takes no parameters, so the seq is written inline.
     */
    void streamChain(DSLContext tenant, @Nullable Long fromSeq, Predicate<ChainedEvent> each) {
        String sql = "COPY (" + tenant.renderInlined(tenant.select(CHAIN_COLUMNS).from(AUDIT_EVENT)
                .where(fromSeq == null ? DSL.noCondition() : AUDIT_EVENT.SEQ.ge(DSL.inline(fromSeq)))
                .orderBy(AUDIT_EVENT.SEQ.asc())) + ") TO STDOUT (FORMAT binary)";
        tenant.connection(connection -> {
            try (DataInputStream rows = new DataInputStream(new BufferedInputStream(
                    new PGCopyInputStream(connection.unwrap(PGConnection.class), sql), 1 << 16))) {
                try {
                    skipCopyHeader(rows);
                    for (short fields = rows.readShort(); fields != -1 && each.test(chained(rows, fields)); fields = rows.readShort()) {
                        // each decides whether to go on
                    }
                } finally {
                    // What is left is read and dropped: cancelling a COPY leaves pgjdbc's connection out of step with
                    // the server, and the pool would hand it on so.
                    rows.transferTo(OutputStream.nullOutputStream());
                }
            } catch (SQLException e) {
                throw translated(tenant, "Reading the audit chain", sql, e);
            } catch (IOException e) {
                SQLException cause = e.getCause() instanceof SQLException sqlException ? sqlException : new SQLException(e);
                throw translated(tenant, "Reading the audit chain", sql, cause);
            }
        });
    }

    /** Binary COPY's header: its signature, flags and the length of an extension area, which is skipped. */
    private static void skipCopyHeader(DataInputStream rows) throws IOException {
        if (!Arrays.equals(rows.readNBytes(COPY_SIGNATURE.length), COPY_SIGNATURE)) {
            throw new IOException("Not PostgreSQL's binary COPY format");
        }
        rows.readInt();
        rows.skipNBytes(rows.readInt());
    }

    private static final byte[] COPY_SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    /**
     * The columns {@link #chained} reads, in its order: first an event's content, in the order the links of format 2
     * cover it ({@link AuditHashing#columnsInput}), then its links, key id and link format.
     */
    private static final List<Field<?>> CHAIN_COLUMNS = List.of(AUDIT_EVENT.SEQ, AUDIT_EVENT.ID, AUDIT_EVENT.OCCURRED_AT,
            AUDIT_EVENT.ACTOR_KIND, AUDIT_EVENT.ACTOR_ID, AUDIT_EVENT.ACTOR_EMAIL, AUDIT_EVENT.ACTOR_NAME, AUDIT_EVENT.ACTION,
            AUDIT_EVENT.TARGET_TYPE, AUDIT_EVENT.TARGET_ID, AUDIT_EVENT.TARGET_LABEL, AUDIT_EVENT.BEFORE_VALUE,
            AUDIT_EVENT.AFTER_VALUE, AUDIT_EVENT.IP_ADDRESS, AUDIT_EVENT.USER_AGENT, AUDIT_EVENT.REQUEST_ID,
            AUDIT_EVENT.PREV_HASH, AUDIT_EVENT.HASH, AUDIT_EVENT.KEY_ID, AUDIT_EVENT.LINK_FORMAT);

    private static final int SEQ = 0, ID = 1, OCCURRED_AT = 2, ACTOR_KIND = 3, ACTOR_ID = 4, ACTOR_EMAIL = 5, ACTOR_NAME = 6,
            ACTION = 7, TARGET_TYPE = 8, TARGET_ID = 9, TARGET_LABEL = 10, BEFORE = 11, AFTER = 12, IP_ADDRESS = 13,
            USER_AGENT = 14, REQUEST_ID = 15, CONTENT_COLUMNS = 16, PREV_HASH = 16, HASH = 17, KEY_ID = 18, LINK_FORMAT = 19;

    /**
     * A row as binary COPY sends it: each column as its length (-1 for null) and its bytes, here int8, uuid and
     * timestamptz in binary, text as UTF-8, and jsonb as a version byte (1) and its text, which is kept without it.
     */
    private static ChainedEvent chained(DataInputStream row, short fields) throws IOException {
        if (fields != CHAIN_COLUMNS.size()) {
            throw new IOException("A chain row of " + fields + " columns, not " + CHAIN_COLUMNS.size());
        }
        byte[][] columns = new byte[fields][];
        for (int k = 0; k < fields; k++) {
            int length = row.readInt();
            if (length >= 0) {
                columns[k] = row.readNBytes(length);
            }
        }
        columns[BEFORE] = jsonbText(columns[BEFORE]);
        columns[AFTER] = jsonbText(columns[AFTER]);
        return new ChainedEvent(Arrays.copyOf(columns, CONTENT_COLUMNS), columns[PREV_HASH], columns[HASH],
                columns[KEY_ID] == null ? null : (int) INT.get(columns[KEY_ID], 0), (short) SHORT.get(columns[LINK_FORMAT], 0));
    }

    private static byte @Nullable [] jsonbText(byte @Nullable [] binary) throws IOException {
        if (binary == null) {
            return null;
        }
        if (binary.length == 0 || binary[0] != 1) {
            throw new IOException("A jsonb value in a binary format other than version 1");
        }
        return Arrays.copyOfRange(binary, 1, binary.length);
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
                AuditEvent.kindOf(r.getActorKind(), r.getActorId()),
                r.getActorId(), r.getActorEmail(), r.getActorName(),
                r.getAction(), r.getTargetType() == null ? null : new AuditTarget(r.getTargetType(), r.getTargetId(), r.getTargetLabel()),
                r.getBeforeValue() == null ? null : r.getBeforeValue().data(), r.getAfterValue() == null ? null : r.getAfterValue().data(),
                r.getIpAddress(), r.getUserAgent(), r.getRequestId());
    }

}
