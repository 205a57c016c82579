package dev.atrium.admin.audit;

import static dev.atrium.db.jooq.tenant.Tables.AUDIT_ACTOR;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_HEAD;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.admin.bench.Report.abbreviate;
import static dev.atrium.admin.bench.Stats.median;
import static dev.atrium.admin.bench.Stats.ms;
import static dev.atrium.admin.bench.Stats.p90;
import static dev.atrium.admin.bench.SqlCapture.SQL;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.bench.Report;
import dev.atrium.admin.bench.SqlCapture.Executed;
import dev.atrium.admin.bench.SqlCapture.Raw;
import dev.atrium.admin.bench.SqlCapture.Recorded;
import dev.atrium.admin.bench.SqlCapture;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.db.jooq.tenant.tables.records.AuditHeadRecord;

/**
 * Benchmark of the audit log on a workspace with a million events, on a fresh, throw-away embedded PostgreSQL. Not
 * part of the normal build: surefire excludes {@code **}{@code /*Benchmark.java} unless the {@code bench} profile is
 * active. Run from the repository root with
 *
 * <pre>
 * ./mvnw -B -pl tenant-admin -am -Pbench test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=AuditLogBenchmark
 * </pre>
 *
 * (add {@code -o} to stay offline; {@code -Dbench.audit.events=150000} loads fewer events, to try a change quickly). It prints a plain-text report to standard output; it asserts only sanity (the
 * chain verifies, row counts, page sizes), never wall-clock times.
 * <ol>
 * <li><b>Load</b>: {@link #EVENTS} (a million) valid, chained events appended to one workspace's log: generated deterministically
 * in Java (varied actions, {@value #ACTORS} actors, targets, small before/after JSON, times spread over the last
 * {@value #DAYS} days and increasing with seq), linked with {@link AuditChain#next} (the keyed chain's HMAC)
 * continuing the workspace's chain, streamed into {@code audit_event} with PostgreSQL {@code COPY} (the append-only triggers guard only update,
 * delete and truncate), the chain's end written to {@code audit_head} in the same transaction, the actors then listed in {@code audit_actor}, then
 * {@code VACUUM (ANALYZE)} and a {@code CHECKPOINT}. The first {@value #PREFIX} events are loaded and verified on their own first.</li>
 * <li><b>Paging</b>: {@link AuditLogService#page} for five views, {@value #RUNS} runs after {@value #WARM_UPS}
 * warm-ups, against the very SQL it executed (jOOQ {@link ExecuteListener}) run again on plain JDBC, with plans.</li>
 * <li><b>Cost of auditing a change</b>: {@link MemberService#changeRole} against the bare role update in a
 * transaction, and that update plus {@link AuditLog#record}, {@value #COST_RUNS} alternating runs on a small
 * workspace.</li>
 * <li><b>Verification</b>: {@link AuditLogService#verify} over the whole log, {@value #VERIFY_RUNS} times with a full GC
 * forced every {@value #GC_SAMPLE_MILLIS} ms to sample the live heap (flat memory) and the bytes allocated per event,
 * then {@value #VERIFY_RUNS_WITHOUT_GC} times without.</li>
 * </ol>
 */
@SpringBootTest
class AuditLogBenchmark {

    /** A million; fewer with {@code -Dbench.audit.events} (at least 150,000: the deep pages start at seq 100,000). */
    static final int EVENTS = Integer.getInteger("bench.audit.events", 1_000_000);
    static final int PREFIX = 10_000;
    static final int ACTORS = 50;
    static final int MEMBER_TARGETS = 3_000;
    static final int ROLE_TARGETS = 12;
    static final int DAYS = 300;
    static final int PAGE_SIZE = 50;
    static final int GLOBAL_WARM_UPS = 200;
    static final int WARM_UPS = 5;
    static final int RUNS = 21;
    static final long DEEP_SEQ = 50_000;
    static final long DEEP_FILTERED_SEQ = 100_000;
    /** Enough calls for the JIT to have compiled the append's Java: with 50, one run measured 2.14x where 1,000 gave 2.07x. */
    static final int COST_WARM_UPS = 1_000;
    static final int COST_RUNS = 300;
    static final int VERIFY_RUNS = 1;
    static final int VERIFY_RUNS_WITHOUT_GC = 3;
    static final int GC_SAMPLE_MILLIS = 500;

    private static final String[] FIRST_NAMES = {"Aiko", "Alejandro", "Amara", "Arjun", "Beatriz", "Chen", "Dmitri",
            "Elif", "Fatima", "Freya", "Hiroshi", "Ines", "Jonas", "Kofi", "Leila", "Mei", "Noah", "Olga", "Priya",
            "Tariq", "Valentina", "Wei", "Yusuf", "Zoe", "Lars"};
    /** Each last name once among the actors: the actor filter "virtanen" matches one actor in fifty. */
    private static final String[] LAST_NAMES = {"Smith", "Garcia", "Müller", "Dubois", "Rossi", "Nowak", "Jensen",
            "Virtanen", "Sato", "Wang", "Kim", "Singh", "Okafor", "Mensah", "Hansen", "Lopez", "Schmidt", "Tanaka",
            "Novák", "Karlsson", "Moreau", "Bianchi", "Kowalski", "Larsen", "Suzuki", "Park", "Kumar", "Nielsen",
            "Andersson", "Korhonen", "Yang", "Liu", "Zhang", "Chen", "Takahashi", "Romano", "Esposito", "Laurent",
            "Lefebvre", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Svoboda", "Johansson",
            "Ferrari", "Russo"};
    private static final String[] ROLE_NAMES = {"Owner", "Admin", "Member", "Guest"};
    private static final String[] USER_AGENTS = {
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0 Safari/537.36",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
            "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
            "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148"};
    /** Actions and their weights (per mille); member.role_changed about 15 %, the member. group about 30 %. */
    private static final Object[][] ACTION_WEIGHTS = {
            {AuditActions.MEMBER_ROLE_CHANGED, 150}, {AuditActions.MEMBER_JOINED, 100}, {AuditActions.MEMBER_REMOVED, 30},
            {AuditActions.MEMBER_LEFT, 18}, {AuditActions.OWNERSHIP_TRANSFERRED, 2},
            {AuditActions.INVITATION_CREATED, 150}, {AuditActions.INVITATION_RESENT, 50},
            {AuditActions.INVITATION_CANCELLED, 30}, {AuditActions.INVITATION_ACCEPTED, 100},
            {AuditActions.INVITATION_EXPIRED_ON_USE, 10}, {AuditActions.ROLE_CREATED, 10}, {AuditActions.ROLE_UPDATED, 30},
            {AuditActions.ROLE_DELETED, 5}, {AuditActions.AUDIT_VIEWED, 270}, {AuditActions.AUDIT_EXPORTED, 20},
            {AuditActions.AUDIT_SETTINGS_CHANGED, 5}, {AuditActions.WORKSPACE_SETTINGS_CHANGED, 20}};


    @Autowired DataSource dataSource;
    @Autowired DSLContext platform;
    @Autowired TenantDsl tenantDsl;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired AuditLogService audit;
    @Autowired AuditLog auditLog;
    @Autowired AuditChain chain;
    @Autowired MemberService members;
    @Autowired TestWorkspaces teams;

    private final Report report = new Report();
    private String schema;
    private long totalEvents;

    @Test
    void run() throws Exception {
        report.header("Atrium audit log benchmark", platform, ", max heap %d MB", Runtime.getRuntime().maxMemory() >> 20);
        line("  shared_buffers %s, work_mem %s", platform.fetchValue("show shared_buffers"), platform.fetchValue("show work_mem"));
        report.rule();
        TenantScope owner = teams.newWorkspace("Audit Bench Owner");
        schema = TenantProvisioner.schemaNameFor(owner.workspaceId());
        load(owner);
        paging(owner);
        costOfAuditing();
        verification(owner);
        report.print();
    }

    // ---------------------------------------------------------------------------------------------------- part 1

    private void load(TenantScope owner) throws SQLException {
        DSLContext tenant = tenantDsl.of(owner);
        AuditHeadRecord head = tenant.selectFrom(AUDIT_HEAD).fetchSingle();
        long existing = tenant.fetchCount(AUDIT_EVENT);
        assertThat(existing).isEqualTo(head.getLastSeq());
        Generator generator = new Generator(owner.workspaceId(), head.getLastSeq(), head.getLastHash());

        line("");
        line("1. Load: %,d events appended by COPY to the %,d the workspace already had (Java HMAC-SHA256 chain)", EVENTS, existing);
        // A prefix first, verified on its own: a wrong canonical form shows here, not after a million rows.
        long start = System.nanoTime();
        generator.copy(PREFIX);
        long prefixNanos = System.nanoTime() - start;
        start = System.nanoTime();
        AuditVerification prefix = audit.verify(owner);
        long prefixVerify = System.nanoTime() - start;
        assertThat(prefix.intact()).as("prefix verification: %s", prefix).isTrue();
        assertThat(prefix.checked()).isEqualTo(existing + PREFIX);
        line("   prefix of %,d: loaded in %.2f s, verify intact (%,d checked) in %.2f s", PREFIX, prefixNanos / 1e9,
                prefix.checked(), prefixVerify / 1e9);

        start = System.nanoTime();
        generator.copy(EVENTS - PREFIX);
        // The actors the appends would have listed, as the upgrade to tenant changelog 028 lists those of earlier events.
        tenant.insertInto(AUDIT_ACTOR, AUDIT_ACTOR.ACTOR_KEY)
                .select(DSL.selectDistinct(AuditRepository.ACTOR_KEY).from(AUDIT_EVENT))
                .onConflictDoNothing().execute();
        long copyNanos = System.nanoTime() - start + prefixNanos;
        start = System.nanoTime();
        platform.execute("VACUUM (ANALYZE) {0}", DSL.name(schema, "audit_event"));
        // The load's dirty pages written now, not by the checkpointer while the reads below are measured.
        platform.execute("CHECKPOINT");
        long vacuumNanos = System.nanoTime() - start;

        totalEvents = tenant.fetchCount(AUDIT_EVENT);
        assertThat(totalEvents).isEqualTo(existing + EVENTS);
        AuditHeadRecord after = tenant.selectFrom(AUDIT_HEAD).fetchSingle();
        assertThat(after.getLastSeq()).isEqualTo(existing + EVENTS);
        line("   generate + hash + COPY + head update + actor list: %.1f s (%,.0f events/s); of which generate + hash in Java %.1f s",
                copyNanos / 1e9, EVENTS / (copyNanos / 1e9), generator.javaNanos / 1e9);
        line("   VACUUM (ANALYZE) audit_event and CHECKPOINT: %.1f s; total %.1f s", vacuumNanos / 1e9, (copyNanos + vacuumNanos) / 1e9);
        line("   audit_event: %,d rows, seq 1..%,d, table %s, indexes %s", totalEvents, after.getLastSeq(),
                platform.fetchValue("select pg_size_pretty(pg_table_size({0}::regclass))", DSL.inline(schema + ".audit_event")),
                platform.fetchValue("select pg_size_pretty(pg_indexes_size({0}::regclass))", DSL.inline(schema + ".audit_event")));
        line("   actions: %s", tenant.select(AUDIT_EVENT.ACTION, DSL.count()).from(AUDIT_EVENT).groupBy(AUDIT_EVENT.ACTION)
                .orderBy(DSL.count().desc()).limit(6).fetch()
                .map(r -> String.format(Locale.ROOT, "%s %.1f%%", r.value1(), 100.0 * r.value2() / totalEvents)));
        line("   occurred_at %s .. %s", tenant.select(DSL.min(AUDIT_EVENT.OCCURRED_AT)).from(AUDIT_EVENT).fetchSingle().value1(),
                tenant.select(DSL.max(AUDIT_EVENT.OCCURRED_AT)).from(AUDIT_EVENT).fetchSingle().value1());
    }

    /** Generates the events of one workspace's log, continuing its chain, and appends them with COPY. */
    final class Generator {

        private final SplittableRandom random = new SplittableRandom(20_250_701L);
        private final String[] actions;
        private final UUID[] actorIds = new UUID[ACTORS];
        private final String[] actorEmails = new String[ACTORS];
        private final String[] actorNames = new String[ACTORS];
        private final AuditTarget[] memberTargets = new AuditTarget[MEMBER_TARGETS];
        private final AuditTarget[] roleTargets = new AuditTarget[ROLE_TARGETS];
        private final AuditTarget workspaceTarget;
        private final Instant start;
        private final long stepMicros;
        private final long firstSeq;
        private long seq;
        private byte[] previousHash;
        long javaNanos;

        Generator(UUID workspaceId, long lastSeq, byte[] lastHash) {
            List<String> weighted = new ArrayList<>();
            for (Object[] entry : ACTION_WEIGHTS) {
                for (int k = 0; k < (Integer) entry[1]; k++) {
                    weighted.add((String) entry[0]);
                }
            }
            actions = weighted.toArray(String[]::new);
            for (int a = 0; a < ACTORS; a++) {
                String first = FIRST_NAMES[a % FIRST_NAMES.length];
                String last = LAST_NAMES[a];
                actorIds[a] = new UUID(0xA0D17L, a);
                actorNames[a] = first + " " + last;
                actorEmails[a] = (first + "." + last).toLowerCase(Locale.ROOT) + "@example.com";
            }
            for (int m = 0; m < MEMBER_TARGETS; m++) {
                String name = FIRST_NAMES[m % FIRST_NAMES.length] + " " + LAST_NAMES[(m / FIRST_NAMES.length) % LAST_NAMES.length];
                memberTargets[m] = new AuditTarget("member", new UUID(0xBE11L, m).toString(),
                        name + " <" + name.toLowerCase(Locale.ROOT).replace(' ', '.') + "." + m + "@example.com>");
            }
            for (int r = 0; r < ROLE_TARGETS; r++) {
                roleTargets[r] = new AuditTarget("role", new UUID(0x201EL, r).toString(), "Custom role " + (r + 1));
            }
            workspaceTarget = new AuditTarget("workspace", workspaceId.toString(), "Audit Bench Owner's team");
            start = Instant.now().minus(DAYS, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
            stepMicros = DAYS * 86_400L * 1_000_000L / EVENTS;
            firstSeq = lastSeq;
            seq = lastSeq;
            previousHash = lastHash;
        }

        /** Appends the next {@code count} events and moves the chain's end, in one transaction. */
        void copy(int count) throws SQLException {
            try (Connection connection = dataSource.getConnection()) {
                boolean autoCommit = connection.getAutoCommit();
                connection.setAutoCommit(false);
                try {
                    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY \"" + schema + "\".audit_event "
                            + "(seq, id, occurred_at, actor_kind, actor_id, actor_email, actor_name, action, target_type, target_id, "
                            + "target_label, before_value, after_value, ip_address, user_agent, request_id, prev_hash, hash, key_id, link_format) "
                            + "FROM STDIN (FORMAT text)");
                    StringBuilder buffer = new StringBuilder(1 << 21);
                    try {
                        for (int k = 0; k < count; k++) {
                            long t = System.nanoTime();
                            AuditEvent event = next();
                            AuditChain.Link link = chain.next(previousHash, event);
                            row(buffer, event, previousHash, link);
                            previousHash = link.mac();
                            javaNanos += System.nanoTime() - t;
                            if (buffer.length() >= 1 << 20) {
                                flush(copy, buffer);
                            }
                        }
                        flush(copy, buffer);
                        long copied = copy.endCopy();
                        assertThat(copied).isEqualTo(count);
                    } finally {
                        if (copy.isActive()) {
                            copy.cancelCopy();
                        }
                    }
                    try (PreparedStatement ps = connection.prepareStatement(
                            "UPDATE \"" + schema + "\".audit_head SET last_seq = ?, last_hash = ?")) {
                        ps.setLong(1, seq);
                        ps.setBytes(2, previousHash);
                        assertThat(ps.executeUpdate()).isEqualTo(1);
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(autoCommit);
                }
            }
        }

        private AuditEvent next() {
            seq++;
            long index = seq - firstSeq - 1;
            OffsetDateTime occurredAt = start.plus(index * stepMicros + random.nextLong(stepMicros), ChronoUnit.MICROS)
                    .atOffset(ZoneOffset.UTC);
            int actor = random.nextInt(ACTORS);
            String action = actions[random.nextInt(actions.length)];
            AuditTarget target = null;
            Map<String, ?> before = null;
            Map<String, ?> after = null;
            String from = ROLE_NAMES[1 + random.nextInt(3)];
            String to = ROLE_NAMES[1 + random.nextInt(3)];
            AuditTarget member = memberTargets[random.nextInt(MEMBER_TARGETS)];
            switch (action) {
                case AuditActions.MEMBER_ROLE_CHANGED -> {
                    target = member;
                    before = Map.of("role", from);
                    after = Map.of("role", to);
                }
                case AuditActions.MEMBER_JOINED, AuditActions.INVITATION_ACCEPTED -> {
                    target = member;
                    after = Map.of("role", to);
                }
                case AuditActions.MEMBER_REMOVED, AuditActions.MEMBER_LEFT -> {
                    target = member;
                    before = Map.of("role", from);
                }
                case AuditActions.OWNERSHIP_TRANSFERRED -> {
                    target = member;
                    before = Map.of("role", from);
                    after = Map.of("role", "Owner");
                }
                case AuditActions.INVITATION_CREATED, AuditActions.INVITATION_RESENT, AuditActions.INVITATION_CANCELLED,
                        AuditActions.INVITATION_EXPIRED_ON_USE -> {
                    String email = member.label().substring(member.label().indexOf('<') + 1, member.label().length() - 1);
                    target = new AuditTarget("invitation", new UUID(0x1417EL, seq).toString(), email);
                    after = action.equals(AuditActions.INVITATION_CREATED) ? Map.of("email", email, "role", to) : null;
                }
                case AuditActions.ROLE_CREATED, AuditActions.ROLE_UPDATED, AuditActions.ROLE_DELETED -> {
                    target = roleTargets[random.nextInt(ROLE_TARGETS)];
                    if (action.equals(AuditActions.ROLE_UPDATED)) {
                        before = Map.of("permissions", List.of("members.view", "roles.view"));
                        after = Map.of("permissions", List.of("members.view", "members.invite", "roles.view"));
                    }
                }
                case AuditActions.AUDIT_EXPORTED -> after = Map.of("format", random.nextBoolean() ? "csv" : "jsonl",
                        "filter", Map.of("action", "member."));
                case AuditActions.AUDIT_SETTINGS_CHANGED -> {
                    before = Map.of("retentionDays", 365);
                    after = Map.of("retentionDays", 30 + random.nextInt(3_000));
                }
                case AuditActions.WORKSPACE_SETTINGS_CHANGED -> {
                    target = workspaceTarget;
                    before = Map.of("name", "Audit Bench Owner's team");
                    after = Map.of("name", "Audit Bench Owner's team " + random.nextInt(100));
                }
                default -> {
                    // audit.viewed: no target, no values
                }
            }
            return new AuditEvent(seq, new UUID(random.nextLong(), random.nextLong()), occurredAt, AuditEvent.impliedKind(actorIds[actor]), actorIds[actor],
                    actorEmails[actor], actorNames[actor], action, target, AuditHashing.toJson(before), AuditHashing.toJson(after),
                    "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256),
                    USER_AGENTS[random.nextInt(USER_AGENTS.length)], Long.toHexString(random.nextLong()));
        }

        private static void row(StringBuilder out, AuditEvent e, byte[] previousHash, AuditChain.Link link) {
            out.append(e.seq()).append('\t');
            out.append(e.id()).append('\t');
            out.append(DateTimeFormatter.ISO_INSTANT.format(e.occurredAt().toInstant())).append('\t');
            out.append(AuditEvent.storedKind(e.actorKind())).append('\t');
            text(out, e.actorId() == null ? null : e.actorId().toString()).append('\t');
            text(out, e.actorEmail()).append('\t');
            text(out, e.actorName()).append('\t');
            text(out, e.action()).append('\t');
            text(out, e.target() == null ? null : e.target().type()).append('\t');
            text(out, e.target() == null ? null : e.target().id()).append('\t');
            text(out, e.target() == null ? null : e.target().label()).append('\t');
            text(out, e.before()).append('\t');
            text(out, e.after()).append('\t');
            text(out, e.ipAddress()).append('\t');
            text(out, e.userAgent()).append('\t');
            text(out, e.requestId()).append('\t');
            bytes(out, previousHash).append('\t');
            bytes(out, link.mac()).append('\t');
            out.append(link.keyId()).append('\t');
            out.append(AuditHashing.COLUMNS).append('\n');
        }

        /** A value in COPY's text format: \N for null, backslash, tab and line breaks escaped. */
        private static StringBuilder text(StringBuilder out, String value) {
            if (value == null) {
                return out.append("\\N");
            }
            for (int k = 0; k < value.length(); k++) {
                char c = value.charAt(k);
                switch (c) {
                    case '\\' -> out.append("\\\\");
                    case '\t' -> out.append("\\t");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
            return out;
        }

        /** bytea in hex form, its backslash escaped for COPY. */
        private static StringBuilder bytes(StringBuilder out, byte[] value) {
            return value == null ? out.append("\\N") : out.append("\\\\x").append(HexFormat.of().formatHex(value));
        }

        private static void flush(CopyIn copy, StringBuilder buffer) throws SQLException {
            if (!buffer.isEmpty()) {
                byte[] data = buffer.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(data, 0, data.length);
                buffer.setLength(0);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------- part 2

    private record View(String key, String label, AuditFilter filter, Long olderThanSeq) {
    }

    private void paging(TenantScope owner) throws SQLException {
        List<View> views = List.of(
                new View("a", "first page, unfiltered", AuditFilter.NONE, null),
                new View("b", "deep page, olderThanSeq " + DEEP_SEQ + " (~page " + (totalEvents - DEEP_SEQ) / PAGE_SIZE + ")",
                        AuditFilter.NONE, DEEP_SEQ),
                new View("c", "first page, action group 'member.'", filter(null, "member."), null),
                new View("d", "deep page, action 'member.role_changed', olderThanSeq " + DEEP_FILTERED_SEQ,
                        filter(null, AuditActions.MEMBER_ROLE_CHANGED), DEEP_FILTERED_SEQ),
                new View("e", "first page, actor text 'virtanen' (1 actor in " + ACTORS + ")", filter("virtanen", null), null),
                new View("f", "actor text 'bench owner' (the workspace's creator: its first event only)", filter("bench owner", null), null));
        for (int k = 0; k < GLOBAL_WARM_UPS; k++) {
            View view = views.get(k % views.size());
            audit.page(owner, view.filter(), view.olderThanSeq(), null, PAGE_SIZE);
        }
        line("");
        line("2. AuditLogService.page(..., %d) on %,d events, acting as the Owner; median / p90 of %d runs after %d warm-ups, ms",
                PAGE_SIZE, totalEvents, RUNS, WARM_UPS);
        line("   service = the whole call; SQL = jOOQ execute-to-end of its statement; raw = the captured statement and");
        line("   binds re-run on plain JDBC (pool checkout, prepare, execute, read every column of the %d rows)", PAGE_SIZE + 1);
        line("      %-4s %-19s %-19s %-19s %s", "", "service", "SQL (jOOQ)", "raw JDBC", "service/raw");
        List<String> plans = new ArrayList<>();
        Map<String, double[]> medians = new HashMap<>();
        for (View view : views) {
            for (int k = 0; k < WARM_UPS; k++) {
                audit.page(owner, view.filter(), view.olderThanSeq(), null, PAGE_SIZE);
            }
            long[] service = new long[RUNS];
            long[] sql = new long[RUNS];
            Executed captured = null;
            AuditPage page = null;
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                Recorded<AuditPage> recorded = SQL.record(() -> audit.page(owner, view.filter(), view.olderThanSeq(), null, PAGE_SIZE));
                service[run] = System.nanoTime() - start;
                List<Executed> pageSql = recorded.sql().stream().filter(e -> e.sql().contains("audit_event")).toList();
                assertThat(pageSql).hasSize(1);
                captured = pageSql.getFirst();
                sql[run] = captured.nanos();
                page = recorded.value();
            }
            boolean rare = view.key().equals("f");
            assertThat(page.events()).hasSize(rare ? 1 : PAGE_SIZE);
            assertThat(page.hasOlder()).isEqualTo(!rare);
            Raw raw = captured.raw();
            List<Long> rawSeqs = readAll(raw);
            assertThat(rawSeqs.subList(0, page.events().size())).isEqualTo(page.events().stream().map(AuditEvent::seq).toList());
            long[] plain = new long[RUNS];
            for (int k = 0; k < WARM_UPS; k++) {
                readAll(raw);
            }
            for (int run = 0; run < RUNS; run++) {
                long start = System.nanoTime();
                readAll(raw);
                plain[run] = System.nanoTime() - start;
            }
            medians.put(view.key(), new double[] {median(service), median(plain)});
            line("   %s. %s: seq %,d..%,d", view.key(), view.label(), page.events().getFirst().seq(), page.events().getLast().seq());
            line("      %-4s %7.2f / %7.2f   %7.2f / %7.2f   %7.2f / %7.2f   x %.2f", "", ms(median(service)), ms(p90(service)),
                    ms(median(sql)), ms(p90(sql)), ms(median(plain)), ms(p90(plain)), median(service) / median(plain));
            List<String> plan = explain(raw);
            if (view.key().equals("b") || view.key().equals("d")) {
                plans.add("   " + view.key() + ". " + readable(raw.sql()));
                plan.forEach(l -> plans.add("        " + l));
            } else {
                line("      plan: %s", String.join(" | ", plan.stream().filter(l -> l.contains("Scan") || l.contains("Execution Time"))
                        .map(l -> l.replace("->", "").strip()).toList()));
            }
        }
        line("   actor filter (e., the matching actors from audit_actor, then their events from the actor key index; goal <= 5 ms): %.2f ms, %.2f x the"
                + " first page (a.), %.2f x its bare SQL", ms(medians.get("e")[0]), medians.get("e")[0] / medians.get("a")[0],
                medians.get("e")[0] / medians.get("e")[1]);
        line("   EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) of the deep pages:");
        plans.forEach(l -> line("%s", l));
    }

    private static AuditFilter filter(String actor, String action) {
        return new AuditFilter(actor, action, null, null, null, null);
    }

    /** Runs the statement on its own pooled connection, as jOOQ does outside a transaction; returns the seqs. */
    private List<Long> readAll(Raw statement) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        statement.readAll(dataSource, rs -> seqs.add(rs.getLong("seq")));
        return seqs;
    }

    private List<String> explain(Raw statement) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement ps = statement.prepare(connection, "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                lines.add(rs.getString(1).replace("\"" + schema + "\".", ""));
            }
        }
        return lines;
    }

    // ---------------------------------------------------------------------------------------------------- part 3

    private void costOfAuditing() {
        TenantScope owner = teams.newWorkspace("Audit Cost Owner");
        TenantScope target = teams.join(owner, "Audit Cost Target", "member");
        DSLContext tenant = tenantDsl.of(owner);
        UUID[] roles = {teams.roleId(owner, "member"), teams.roleId(owner, "admin")};
        String[] roleNames = {"Member", "Admin"};
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        AuditTarget auditTarget = new AuditTarget("member", target.accountId().toString(), "Audit Cost Target");
        int[] current = {0};
        // Each call changes the target's role to the other one.
        List<Supplier<Object>> variants = List.of(
                () -> members.changeRole(owner, target.accountId(), roles[current[0] = 1 - current[0]]),
                () -> transaction.execute(status -> tenant.update(MEMBER).set(MEMBER.ROLE_ID, roles[current[0] = 1 - current[0]])
                        .where(MEMBER.ACCOUNT_ID.eq(target.accountId())).execute()),
                () -> transaction.execute(status -> {
                    int from = current[0];
                    int updated = tenant.update(MEMBER).set(MEMBER.ROLE_ID, roles[current[0] = 1 - current[0]])
                            .where(MEMBER.ACCOUNT_ID.eq(target.accountId())).execute();
                    auditLog.record(owner, AuditActions.MEMBER_ROLE_CHANGED, auditTarget, Map.of("role", roleNames[from]),
                            Map.of("role", roleNames[current[0]]));
                    return updated;
                }));
        String[] labels = {"MemberService.changeRole (with its audit event)", "role UPDATE + commit, no audit",
                "role UPDATE + AuditLog.record + commit"};
        long eventsBefore = tenant.fetchCount(AUDIT_EVENT);
        for (int k = 0; k < COST_WARM_UPS; k++) {
            variants.forEach(Supplier::get);
        }
        long[][] nanos = new long[variants.size()][COST_RUNS];
        for (int run = 0; run < COST_RUNS; run++) {
            for (int v = 0; v < variants.size(); v++) {
                int variant = (v + run) % variants.size();
                long start = System.nanoTime();
                variants.get(variant).get();
                nanos[variant][run] = System.nanoTime() - start;
            }
        }
        List<List<String>> statements = new ArrayList<>();
        for (Supplier<Object> variant : variants) {
            statements.add(SQL.record(variant).sql().stream().map(Executed::sql).toList());
        }
        long recorded = tenant.fetchCount(AUDIT_EVENT) - eventsBefore;
        assertThat(recorded).isEqualTo(2L * (COST_WARM_UPS + COST_RUNS + 1));
        AuditVerification verification = audit.verify(owner);
        assertThat(verification.intact()).isTrue();

        line("");
        line("3. Cost of a change with its audit event, on a 2-member workspace: %d alternating runs (order rotated)", COST_RUNS);
        line("   after %d warm-ups; each call switches the same member between Member and Admin; ms median / p90", COST_WARM_UPS);
        for (int v = 0; v < variants.size(); v++) {
            line("      %-50s %6.3f / %6.3f   %2d jOOQ statements", labels[v], ms(median(nanos[v])), ms(p90(nanos[v])),
                    statements.get(v).size());
        }
        line("      goal: role UPDATE + AuditLog.record <= 2 x the bare update");
        line("      ratio changeRole / bare update %.2f x; audit insert alone (record - bare) %.3f ms, ratio %.2f x",
                median(nanos[0]) / median(nanos[1]), ms(median(nanos[2]) - median(nanos[1])), median(nanos[2]) / median(nanos[1]));
        line("      AuditLog.record's SQL through jOOQ: %s; and its append on plain JDBC (AuditRepository.appendAfter)",
                statements.get(2).size() == 1 ? "none" : String.join(" ; ", statements.get(2).stream().skip(1)
                        .map(s -> abbreviate(readableAny(s), 60)).toList()));
        line("      small workspace's log still verifies: %,d events intact", verification.checked());
    }

    // ---------------------------------------------------------------------------------------------------- part 4

    private void verification(TenantScope owner) throws InterruptedException {
        line("");
        line("4. AuditLogService.verify over the whole log (%,d events, read oldest first as one binary COPY; links", totalEvents);
        line("   checked in batches of %,d on %d threads, at most %d batches held)", AuditVerifier.BATCH,
                Runtime.getRuntime().availableProcessors(), AuditVerifier.WINDOW);
        line("   live heap = used heap right after a full GC, forced every %d ms while verification runs: its maximum", GC_SAMPLE_MILLIS);
        line("   over the run, against before the run, shows what verification holds (flat: not growing with the events)");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= VERIFY_RUNS; run++) {
            System.gc();
            long before = usedHeap();
            long allocatedBefore = threads.getTotalThreadAllocatedBytes();
            long[] maxLive = {0};
            int[] samples = {0};
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(GC_SAMPLE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.gc();
                    maxLive[0] = Math.max(maxLive[0], usedHeap());
                    samples[0]++;
                }
            });
            long start = System.nanoTime();
            AuditVerification result = audit.verify(owner);
            long nanos = System.nanoTime() - start;
            sampler.interrupt();
            sampler.join();
            long allocated = threads.getTotalThreadAllocatedBytes() - allocatedBefore;
            assertThat(result.intact()).as("verification: %s", result).isTrue();
            assertThat(result.checked()).isEqualTo(totalEvents);
            line("   run %d: intact, %,d checked in %.2f s = %,.0f events/s (GCs forced during the run add to its time)", run,
                    result.checked(), nanos / 1e9, result.checked() / (nanos / 1e9));
            line("          live heap before %d MB, at most %d MB during the run (%d samples); allocated %,d bytes per event",
                    before >> 20, maxLive[0] >> 20, samples[0], allocated / result.checked());
        }
        for (int run = 1; run <= VERIFY_RUNS_WITHOUT_GC; run++) {
            long start = System.nanoTime();
            AuditVerification result = audit.verify(owner);
            long nanos = System.nanoTime() - start;
            assertThat(result.intact()).isTrue();
            line("   run without forced GCs: %,d checked in %.2f s = %,.0f events/s (goal >= 300,000)", result.checked(),
                    nanos / 1e9, result.checked() / (nanos / 1e9));
        }
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Registers {@link SqlCapture#SQL} on jOOQ; a class of this benchmark's own, so it gets a context of its own. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RecordSql extends SqlCapture.Config {
    }

    // ---------------------------------------------------------------------------------------------------- report

    private String readable(String sql) {
        return Report.readable(sql, schema);
    }

    private static String readableAny(String sql) {
        return sql.replaceAll("\"[a-z0-9_]+\"\\.", "").replace("\"", "").replaceAll("\\s+", " ");
    }

    private void line(String format, Object... args) {
        report.line(format, args);
    }
}
