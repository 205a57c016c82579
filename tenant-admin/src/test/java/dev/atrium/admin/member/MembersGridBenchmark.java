package dev.atrium.admin.member;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;
import static dev.atrium.db.jooq.tenant.Tables.INVITATION;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;
import static dev.atrium.admin.bench.SeriesData.accountId;
import static dev.atrium.admin.bench.SeriesData.joinedAt;
import static dev.atrium.admin.bench.SeriesData.pick;
import static dev.atrium.admin.bench.SeriesData.secondsAgo;
import static dev.atrium.admin.bench.Stats.median;
import static dev.atrium.admin.bench.Stats.ms;
import static dev.atrium.admin.bench.Stats.p90;
import static dev.atrium.admin.bench.Stats.sum;
import static dev.atrium.admin.bench.SqlCapture.SQL;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record4;
import org.jooq.Table;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.bench.Report;
import dev.atrium.admin.bench.SeriesData;
import dev.atrium.admin.bench.SqlCapture;
import dev.atrium.admin.bench.SqlCapture.Executed;
import dev.atrium.admin.bench.SqlCapture.Raw;
import dev.atrium.admin.bench.SqlCapture.Recorded;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.PageRequest.SortBy;
import dev.atrium.admin.paging.SortKey;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.db.jooq.tenant.Tenant;

/**
 * Benchmark of the members grid on a large workspace, and of adding members through invitations, each measured
 * against a baseline in the same run on the same fresh, throw-away embedded PostgreSQL. Not part of the normal build:
 * surefire excludes {@code **}{@code /*Benchmark.java} unless the {@code bench} profile is active. Run from the
 * repository root with
 *
 * <pre>
 * ./mvnw -B -pl tenant-admin -am -Pbench test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=MembersGridBenchmark
 * </pre>
 *
 * (add {@code -o} to stay offline). It prints a plain-text report to standard output; it asserts only sanity (row
 * counts), never wall-clock times.
 * <ol>
 * <li><b>Load</b>: one workspace gets {@value #MEMBERS} members and {@value #INVITATIONS} invitations through
 * set-based {@code INSERT ... SELECT ... FROM generate_series} statements (names, e-mails, roles, dates chosen
 * deterministically from a hash of the row number), followed by {@code VACUUM (ANALYZE)}.</li>
 * <li><b>Members grid</b>: {@link MemberService#page} and {@link MemberService#count}, as the grid's request of a
 * view does — first pages, deep pages by keyset (after the key at position 90,000, as a scrolled grid or an API
 * cursor asks) and a jump with no anchor, a text and a role filter — {@value #RUNS} measured runs after
 * {@value #WARM_UPS} warm-ups. The baseline is the very SQL the service executed (its last statement: for a jump,
 * the seek after the skip), captured with a jOOQ {@link ExecuteListener} (statement text and bind values) and run
 * again on a plain JDBC connection with a {@link PreparedStatement}, reading every column of every row. The baseline
 * is checked to return the same members in the same order and the same count.</li>
 * <li><b>Adding members</b>: {@value #NEW_MEMBERS} fresh accounts invited with {@link InvitationService#invite} in
 * requests of {@value #BATCH} addresses, then each accepting with {@link InvitationService#accept}; the SQL both ran
 * is recorded and its costliest statements listed, and a plain JavaMailSender loop gives the e-mail share.</li>
 * <li><b>What-if</b>, on the captured SQL only: counts without the join to the account table, the text filter
 * without its trigram indexes (dropped, measured and made again), and the invitation's member-by-e-mail check with
 * the index it lacks (created, measured and dropped again).</li>
 * </ol>
 */
// One owner makes far more than a person could: the rate limits would stop the measurement.
@SpringBootTest(properties = "atrium.rate-limits.invitations-per-workspace-per-hour=1000000")
class MembersGridBenchmark {

    static final int MEMBERS = 100_000;
    static final int INVITATIONS = 10_000;
    static final int GLOBAL_WARM_UPS = 400;
    static final int WARM_UPS = 5;
    static final int RUNS = 21;
    static final int PAGE_SIZE = 50;
    static final int DEEP_OFFSET = 90_000;
    static final int NEW_MEMBERS = 1_000;
    static final int BATCH = InvitationService.MAX_ADDRESSES_PER_REQUEST;

    private static final String[] FIRST_NAMES = {"Aaliyah", "Aaron", "Abigail", "Adam", "Aiko", "Alejandro", "Alice",
            "Amara", "Amir", "Ana", "Andrei", "Anika", "Arjun", "Ava", "Beatriz", "Ben", "Bianca", "Carlos", "Chen",
            "Chloe", "Daniel", "Dmitri", "Elena", "Elif", "Emma", "Ethan", "Fatima", "Felix", "Freya", "Gabriel",
            "Grace", "Hana", "Hannah", "Hiroshi", "Ibrahim", "Ines", "Isaac", "Ivan", "Jack", "Jade", "James",
            "Javier", "Jia", "Jonas", "Julia", "Kai", "Karin", "Kofi", "Lars", "Laura", "Leila", "Leo", "Lina", "Lucas",
            "Maya", "Mei", "Mia", "Noah", "Nora", "Olga", "Omar", "Paula", "Priya", "Rafael", "Rosa", "Sami", "Sara",
            "Sofia", "Tariq", "Tomas", "Una", "Valentina", "Victor", "Wei", "Yara", "Yusuf", "Zoe", "Zeynep", "Ole",
            "Ingrid"};
    /** Exactly one of the hundred contains "smith", so a "smith" filter matches about 1 % of people. */
    private static final String[] LAST_NAMES = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
            "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez",
            "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill",
            "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
            "Dubois", "Lefebvre", "Moreau", "Laurent", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
            "Kowalski", "Nowak", "Wiśniewski", "Novák", "Svoboda", "Jensen", "Nielsen", "Hansen", "Larsen", "Andersson",
            "Johansson", "Karlsson", "Virtanen", "Korhonen", "Sato", "Suzuki", "Takahashi", "Tanaka", "Wang", "Li",
            "Zhang", "Liu", "Chen", "Yang", "Kim", "Park", "Singh", "Kumar", "Okafor", "Mensah"};
    private static final String[] DOMAINS = {"example.com", "mail.test", "acme.test", "globex.test", "initech.test",
            "umbrella.test", "hooli.test", "example.org"};


    @Autowired DataSource dataSource;
    @Autowired DSLContext platform;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired MemberService members;
    @Autowired InvitationService invitations;
    @Autowired AccountService accountService;
    @Autowired TestWorkspaces teams;
    @Autowired JavaMailSender mailSender;
    @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize;

    private final Report report = new Report();

    @Test
    void run() throws Exception {
        report.header("Atrium members grid benchmark", platform, ", pool size %d", poolSize);
        line("  database collation %s, work_mem %s", platform.fetchValue(
                "select datcollate from pg_database where datname = current_database()"), platform.fetchValue("show work_mem"));
        report.rule();
        TenantScope owner = teams.newWorkspace("Bench Owner");
        load(owner);
        grid(owner);
        addMembers(owner);
        whatIf(owner);
        report.print();
    }

    // ---------------------------------------------------------------------------------------------------- part 1

    private void load(TenantScope owner) {
        String schema = TenantProvisioner.schemaNameFor(owner.workspaceId());
        DSLContext tenant = DSL.using(platform.configuration().derive(SettingsTools.clone(platform.settings())
                .withRenderMapping(new RenderMapping().withSchemata(
                        new MappedSchema().withInput(Tenant.TENANT.getName()).withOutput(schema)))));
        UUID memberRole = teams.roleId(owner, "member");
        UUID adminRole = teams.roleId(owner, "admin");
        UUID guestRole = teams.roleId(owner, "guest");
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        long[] step = new long[5];

        transaction.executeWithoutResult(status -> {
            long start = System.nanoTime();
            // Accounts: "First Last", e-mail first.last.N@domain (one in nine as typed, with capitals).
            Table<Record4<Integer, String, String, String>> p = people(MEMBERS, 0);
            Field<Integer> i = p.field("i", Integer.class);
            Field<String> first = p.field("first_name", String.class);
            Field<String> last = p.field("last_name", String.class);
            Field<String> local = DSL.when(i.mod(9).eq(0), first.concat(DSL.inline("."), last))
                    .otherwise(DSL.lower(first.concat(DSL.inline("."), last)));
            int inserted = platform.insertInto(ACCOUNT, ACCOUNT.ID, ACCOUNT.EMAIL,
                            ACCOUNT.EMAIL_VERIFIED, ACCOUNT.DISPLAY_NAME, ACCOUNT.CREATED_AT, ACCOUNT.LAST_SIGNED_IN_AT)
                    .select(DSL.select(benchAccountId(i),
                                    local.concat(DSL.inline("."), i.cast(String.class), DSL.inline("@"),
                                            p.field("domain", String.class)),
                                    DSL.inline(true), first.concat(DSL.inline(" "), last), joinedAt(i),
                                    secondsAgo(pick(i, 6, 30 * 86_400)))
                            .from(p))
                    .execute();
            assertThat(inserted).isEqualTo(MEMBERS);
            step[0] = System.nanoTime() - start;

            // Members: 70 % member, 10 % admin, 20 % guest; joined over three years; 20 % never active.
            start = System.nanoTime();
            Table<Record1<Integer>> series = DSL.generateSeries(1, MEMBERS).as("gs", "i");
            Field<Integer> g = series.field("i", Integer.class);
            Field<Integer> roleDie = pick(g, 4, 10);
            inserted = tenant.insertInto(MEMBER, MEMBER.ACCOUNT_ID, MEMBER.ROLE_ID, MEMBER.JOINED_AT, MEMBER.LAST_ACTIVE_AT)
                    .select(DSL.select(benchAccountId(g),
                                    DSL.when(roleDie.lt(7), DSL.inline(memberRole))
                                            .when(roleDie.eq(7), DSL.inline(adminRole))
                                            .otherwise(DSL.inline(guestRole)),
                                    joinedAt(g),
                                    DSL.field("case when {0} = 0 then null else greatest({1}, {2}) end", OffsetDateTime.class,
                                            pick(g, 8, 5), joinedAt(g), secondsAgo(pick(g, 9, 90 * 86_400))))
                            .from(series))
                    .execute();
            assertThat(inserted).isEqualTo(MEMBERS);
            step[1] = System.nanoTime() - start;

            start = System.nanoTime();
            // From the same series as the members, not from the member table: no statement joins a workspace's schema
            // with a platform table other than the reference tables (docs/scale-out.md).
            inserted = platform.insertInto(WORKSPACE_MEMBERSHIP, WORKSPACE_MEMBERSHIP.WORKSPACE_ID,
                            WORKSPACE_MEMBERSHIP.ACCOUNT_ID, WORKSPACE_MEMBERSHIP.JOINED_AT)
                    .select(DSL.select(DSL.inline(owner.workspaceId()), benchAccountId(g), joinedAt(g)).from(series))
                    .execute();
            assertThat(inserted).isEqualTo(MEMBERS);
            step[2] = System.nanoTime() - start;

            // Invitations: 60 % pending (some past expiry), 20 % accepted, 10 % cancelled, 10 % expired.
            start = System.nanoTime();
            Table<Record4<Integer, String, String, String>> q = people(INVITATIONS, 1000);
            Field<Integer> j = q.field("i", Integer.class);
            Field<String> qFirst = q.field("first_name", String.class);
            Field<String> qLast = q.field("last_name", String.class);
            Field<String> email = DSL.when(pick(j, 1001, 10).eq(0), qFirst.concat(DSL.inline("."), qLast))
                    .otherwise(DSL.lower(qFirst.concat(DSL.inline("."), qLast)))
                    .concat(DSL.inline(".inv"), j.cast(String.class), DSL.inline("@"), q.field("domain", String.class));
            Field<Integer> statusDie = pick(j, 1002, 10);
            Field<Integer> inviteRoleDie = pick(j, 1003, 10);
            Field<OffsetDateTime> sentAt = secondsAgo(pick(j, 1004, 60 * 86_400));
            inserted = tenant.insertInto(INVITATION, INVITATION.EMAIL, INVITATION.EMAIL_NORMALIZED, INVITATION.ROLE_ID,
                            INVITATION.STATUS, INVITATION.INVITED_BY, INVITATION.CREATED_AT, INVITATION.SENT_AT,
                            INVITATION.EXPIRES_AT, INVITATION.SEND_COUNT, INVITATION.ACCEPTED_BY, INVITATION.CLOSED_AT)
                    .select(DSL.select(email, DSL.lower(email),
                                    DSL.when(inviteRoleDie.lt(7), DSL.inline(memberRole))
                                            .when(inviteRoleDie.eq(7), DSL.inline(adminRole))
                                            .otherwise(DSL.inline(guestRole)),
                                    DSL.when(statusDie.lt(6), DSL.inline("pending"))
                                            .when(statusDie.lt(8), DSL.inline("accepted"))
                                            .when(statusDie.eq(8), DSL.inline("cancelled"))
                                            .otherwise(DSL.inline("expired")),
                                    DSL.inline(owner.accountId()), sentAt, sentAt,
                                    DSL.field("{0} + interval '7 days'", OffsetDateTime.class, sentAt),
                                    pick(j, 1005, 3).plus(DSL.inline(1)),
                                    DSL.when(statusDie.between(6, 7), benchAccountId(j)),
                                    DSL.when(statusDie.between(6, 8),
                                            DSL.field("{0} + interval '1 day'", OffsetDateTime.class, sentAt)))
                            .from(q))
                    .execute();
            assertThat(inserted).isEqualTo(INVITATIONS);
            step[3] = System.nanoTime() - start;
        });

        long start = System.nanoTime();
        for (var table : List.of(DSL.name("platform", "account"), DSL.name("platform", "workspace_membership"),
                DSL.name(schema, "member"), DSL.name(schema, "invitation"))) {
            platform.execute("VACUUM (ANALYZE) {0}", table);
        }
        step[4] = System.nanoTime() - start;

        int memberRows = tenant.fetchCount(MEMBER);
        int membershipRows = platform.fetchCount(WORKSPACE_MEMBERSHIP, WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(owner.workspaceId()));
        int invitationRows = tenant.fetchCount(INVITATION);
        assertThat(memberRows).isEqualTo(MEMBERS + 1);
        assertThat(membershipRows).isEqualTo(MEMBERS + 1);
        assertThat(invitationRows).isEqualTo(INVITATIONS);
        Map<String, Integer> byRole = new LinkedHashMap<>();
        tenant.select(ROLE.KEY, DSL.count()).from(MEMBER)
                .join(ROLE).on(ROLE.ID.eq(MEMBER.ROLE_ID))
                .groupBy(ROLE.KEY)
                .orderBy(DSL.count().desc())
                .forEach(r -> byRole.put(r.value1(), r.value2()));

        line("");
        line("1. Load: one workspace, set-based INSERT ... SELECT FROM generate_series (one transaction)");
        line("   %,d accounts %.1f s, %,d members %.1f s, %,d memberships %.1f s, %,d invitations %.1f s",
                MEMBERS, step[0] / 1e9, MEMBERS, step[1] / 1e9, MEMBERS, step[2] / 1e9, INVITATIONS, step[3] / 1e9);
        line("   VACUUM (ANALYZE) of the four tables %.1f s; platform.account now holds %,d rows", step[4] / 1e9,
                platform.fetchCount(ACCOUNT));
        line("   members %,d (incl. the owner), by role %s; invitations %,d", memberRows, byRole, invitationRows);
    }

    private static Table<Record4<Integer, String, String, String>> people(int n, int salt) {
        return SeriesData.people(n, salt, FIRST_NAMES, LAST_NAMES, DOMAINS);
    }

    private static Field<UUID> benchAccountId(Field<Integer> i) {
        return accountId("atrium-bench-", i);
    }

    // ---------------------------------------------------------------------------------------------------- part 2

    record Scenario(String key, String label, MemberFilter filter, PageRequest page, boolean explain) {
    }

    /** The SQL the service ran for one grid view: the page and the count statement, each after its access check. */
    record Captured(Raw page, Raw count) {
    }

    private final Map<String, Captured> captured = new LinkedHashMap<>();

    private void grid(TenantScope owner) throws SQLException {
        List<SortBy> byName = List.of(new SortBy(MemberFilter.SORT_NAME, true));
        List<SortBy> byActivity = List.of(new SortBy(MemberFilter.SORT_LAST_ACTIVE, false));
        UUID guest = teams.roleId(owner, "guest");
        // Where a grid or an API client scrolled to: the key of the row just before position 90,000 (found here as a
        // jump finds its anchor, by the keys alone).
        SortKey nameAt = members.slice(owner, MemberFilter.NONE, new PageRequest(DEEP_OFFSET - 1, 1, byName)).lastKey();
        SortKey activityAt = members.slice(owner, MemberFilter.NONE, new PageRequest(DEEP_OFFSET - 1, 1, byActivity)).lastKey();
        List<Scenario> scenarios = List.of(
                new Scenario("a", "a. first page: limit 50, default sort (joined)", MemberFilter.NONE,
                        new PageRequest(0, PAGE_SIZE, List.of()), false),
                new Scenario("n", "n. first page: limit 50, sorted by name", MemberFilter.NONE,
                        new PageRequest(0, PAGE_SIZE, byName), false),
                new Scenario("b", "b. deep page by keyset: the 50 after position 90,000, sorted by name", MemberFilter.NONE,
                        new PageRequest(0, PAGE_SIZE, byName, nameAt), true),
                new Scenario("j", "j. jump to offset 90,000 with no anchor: skip by keys alone, then seek; by name", MemberFilter.NONE,
                        new PageRequest(DEEP_OFFSET, PAGE_SIZE, byName), true),
                new Scenario("l", "l. deep page by keyset, last active descending (nulls last): the 50 after position 90,000",
                        MemberFilter.NONE, new PageRequest(0, PAGE_SIZE, byActivity, activityAt), true),
                new Scenario("c", "c. filtered: text \"smith\", limit 50, sorted by name",
                        new MemberFilter("smith", null), new PageRequest(0, PAGE_SIZE, byName), true),
                new Scenario("d", "d. role = guest, limit 50, default sort (joined)", new MemberFilter(null, guest),
                        new PageRequest(0, PAGE_SIZE, List.of()), false));

        line("");
        line("2. Members grid: MemberService.page + count vs. the same SQL on a plain JDBC connection");
        line("   N = %d measured (after %d warm-ups), service and baseline interleaved; times in ms, median / p90", RUNS, WARM_UPS);
        line("   baseline = the service's own SQL and bind values, captured by a jOOQ ExecuteListener, run with a");
        line("   PreparedStatement on a pooled connection, every column of every row read; same rows checked.");
        line("   'inside' = median jOOQ execute-to-end time of the service's statements: access check + query.");
        // JIT warm-up of the service and driver code paths before any scenario is measured.
        for (int k = 0; k < GLOBAL_WARM_UPS; k++) {
            members.page(owner, scenarios.get(k % 2 == 0 ? 0 : 3).filter(), scenarios.get(k % 2 == 0 ? 0 : 3).page());
        }
        line("   (before all: %d service page calls of a. and d. as JIT warm-up)", GLOBAL_WARM_UPS);
        List<String> plans = new ArrayList<>();
        Map<String, double[]> medians = new HashMap<>();
        for (Scenario scenario : scenarios) {
            medians.put(scenario.key(), measure(owner, scenario, plans));
        }
        line("");
        line("   Summary (service medians, ms; goals of issue 13: deep page <= 3x the first, \"smith\" <= 20 ms):");
        line("      deep page by keyset (b) %.2f = %.2f x the first page by name (n) %.2f; %.2f x the default first page (a) %.2f",
                medians.get("b")[0], medians.get("b")[0] / medians.get("n")[0], medians.get("n")[0],
                medians.get("b")[0] / medians.get("a")[0], medians.get("a")[0]);
        line("      deep page by keyset, last active (l) %.2f = %.2f x (n)", medians.get("l")[0], medians.get("l")[0] / medians.get("n")[0]);
        line("      jump with no anchor (j) %.2f = %.2f x (n)", medians.get("j")[0], medians.get("j")[0] / medians.get("n")[0]);
        line("      \"smith\" (c): page %.2f, page + count %.2f; %.2f x the bare SQL of the page, %.2f x the first page (n)",
                medians.get("c")[0], medians.get("c")[1], medians.get("c")[0] / medians.get("c")[2], medians.get("c")[0] / medians.get("n")[0]);
        line("");
        line("   EXPLAIN (ANALYZE off, costs cut to the row estimate) of the captured SQL; the page SQL of c. is");
        line("   (tenant schema and quotes left out):");
        line("   %s", readable(captured.get("c").page().sql(), TenantProvisioner.schemaNameFor(owner.workspaceId())));
        plans.forEach(l -> line("%s", l));
    }

    /** @return the medians in ms: service page, service page + count, bare SQL of the page */
    private double[] measure(TenantScope owner, Scenario s, List<String> plans) throws SQLException {
        Recorded<List<Member>> page = SQL.record(() -> members.page(owner, s.filter(), s.page()));
        Recorded<Integer> count = SQL.record(() -> members.count(owner, s.filter()));
        Raw pageSql = page.sql().getLast().raw();
        Raw countSql = count.sql().getLast().raw();
        captured.put(s.key(), new Captured(pageSql, countSql));

        List<UUID> rawIds = rawIds(pageSql);
        assertThat(rawIds).as("baseline rows of " + s.label()).isEqualTo(page.value().stream().map(Member::accountId).toList());
        assertThat(rawCount(countSql)).as("baseline count of " + s.label()).isEqualTo(count.value());
        assertThat(page.value()).hasSize(PAGE_SIZE);

        long[] servicePage = new long[RUNS];
        long[] serviceCount = new long[RUNS];
        long[][] inside = new long[4][RUNS];
        long[] rawPage = new long[RUNS];
        long[] rawCountNanos = new long[RUNS];
        for (int run = 0; run < WARM_UPS + RUNS; run++) {
            boolean serviceFirst = run % 2 == 0;
            long[] raw = serviceFirst ? null : rawPair(pageSql, countSql);
            long start = System.nanoTime();
            Recorded<List<Member>> rows = SQL.record(() -> members.page(owner, s.filter(), s.page()));
            long afterPage = System.nanoTime();
            Recorded<Integer> total = SQL.record(() -> members.count(owner, s.filter()));
            long afterCount = System.nanoTime();
            if (serviceFirst) {
                raw = rawPair(pageSql, countSql);
            }
            assertThat(rows.value()).hasSize(PAGE_SIZE);
            assertThat(total.value()).isEqualTo(count.value());
            if (run >= WARM_UPS) {
                int r = run - WARM_UPS;
                servicePage[r] = afterPage - start;
                serviceCount[r] = afterCount - afterPage;
                rawPage[r] = raw[0];
                rawCountNanos[r] = raw[1];
                inside[0][r] = allButLast(rows.sql());
                inside[1][r] = rows.sql().getLast().nanos();
                inside[2][r] = allButLast(total.sql());
                inside[3][r] = total.sql().getLast().nanos();
            }
        }
        long[] serviceTotal = sum(servicePage, serviceCount);
        long[] rawTotal = sum(rawPage, rawCountNanos);

        line("");
        line("   %s", s.label());
        line("      rows %d, count %,d; service ran %d + %d statements", page.value().size(), count.value(),
                page.sql().size(), count.sql().size());
        line("      %-9s page %7.2f / %7.2f   count %7.2f / %7.2f   page+count %7.2f / %7.2f", "service",
                ms(median(servicePage)), ms(p90(servicePage)), ms(median(serviceCount)), ms(p90(serviceCount)),
                ms(median(serviceTotal)), ms(p90(serviceTotal)));
        line("      %-9s page %7.2f / %7.2f   count %7.2f / %7.2f   page+count %7.2f / %7.2f", "baseline",
                ms(median(rawPage)), ms(p90(rawPage)), ms(median(rawCountNanos)), ms(p90(rawCountNanos)),
                ms(median(rawTotal)), ms(p90(rawTotal)));
        line("      %-9s page %7.2f / %7.2f   count %7.2f / %7.2f   page+count %7.2f / %7.2f", "ratio",
                median(servicePage) / median(rawPage), p90(servicePage) / p90(rawPage),
                median(serviceCount) / median(rawCountNanos), p90(serviceCount) / p90(rawCountNanos),
                median(serviceTotal) / median(rawTotal), p90(serviceTotal) / p90(rawTotal));
        line("      %-9s page %7.2f + %7.2f   count %7.2f + %7.2f", "inside", ms(median(inside[0])),
                ms(median(inside[1])), ms(median(inside[2])), ms(median(inside[3])));
        if (s.explain()) {
            plans.add("   " + s.key() + ". page:");
            explain("EXPLAIN ", pageSql).forEach(l -> plans.add("      " + l));
            plans.add("   " + s.key() + ". count:");
            explain("EXPLAIN ", countSql).forEach(l -> plans.add("      " + l));
        }
        return new double[] {ms(median(servicePage)), ms(median(serviceTotal)), ms(median(rawPage))};
    }

    private static long allButLast(List<Executed> statements) {
        return statements.subList(0, statements.size() - 1).stream().mapToLong(Executed::nanos).sum();
    }

    private static String readable(String sql, String schema) {
        return sql.replace("\"" + schema + "\".", "").replace("\"", "");
    }

    private long[] rawPair(Raw pageSql, Raw countSql) throws SQLException {
        long start = System.nanoTime();
        pageSql.readAll(dataSource);
        long afterPage = System.nanoTime();
        countSql.readAll(dataSource);
        return new long[] {afterPage - start, System.nanoTime() - afterPage};
    }

    private List<UUID> rawIds(Raw statement) throws SQLException {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement ps = statement.prepare(connection, "");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private int rawCount(Raw statement) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement ps = statement.prepare(connection, "");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private List<String> explain(String explain, Raw statement) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement ps = statement.prepare(connection, explain);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                plan.add(rs.getString(1).replaceAll("  \\(cost=\\S+ rows=(\\d+) width=\\d+\\)", "  (est. rows $1)"));
            }
        }
        return plan;
    }

    // ---------------------------------------------------------------------------------------------------- part 3

    private void addMembers(TenantScope owner) {
        UUID memberRole = teams.roleId(owner, "member");
        int before = members.count(owner, MemberFilter.NONE);
        String run = UUID.randomUUID().toString().substring(0, 8);

        long start = System.nanoTime();
        Map<String, UUID> accountByEmail = new HashMap<>();
        List<String> emails = new ArrayList<>();
        for (int k = 0; k < NEW_MEMBERS; k++) {
            String first = FIRST_NAMES[k % FIRST_NAMES.length];
            String last = LAST_NAMES[(k * 7) % LAST_NAMES.length];
            // Addresses in ASCII: the invitation form refuses an internationalized local part ("novák").
            String local = Normalizer.normalize(first + "." + last, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            String email = local.toLowerCase(Locale.ROOT) + "." + run + "-" + k + "@newcomers.test";
            Account account = accountService.signIn(new OidcIdentity("https://issuer.test", "new-" + run + "-" + k, email,
                    true, first + " " + last));
            accountByEmail.put(email, account.id());
            emails.add(email);
        }
        long signIns = System.nanoTime() - start;

        long[] batchNanos = new long[NEW_MEMBERS / BATCH];
        List<InviteOutcome.Sent> sent = new ArrayList<>();
        Recorded<Long> invited = SQL.record(() -> {
            long t0 = System.nanoTime();
            for (int b = 0; b < batchNanos.length; b++) {
                String addresses = String.join(", ", emails.subList(b * BATCH, (b + 1) * BATCH));
                long t = System.nanoTime();
                InviteOutcome outcome = invitations.invite(owner, addresses, memberRole, Locale.ENGLISH);
                batchNanos[b] = System.nanoTime() - t;
                assertThat(outcome.rejected()).isEmpty();
                assertThat(outcome.invited()).hasSize(BATCH).allMatch(InviteOutcome.Sent::mailQueued);
                sent.addAll(outcome.invited());
            }
            return System.nanoTime() - t0;
        });

        long[] acceptNanos = new long[sent.size()];
        Recorded<Long> accepted = SQL.record(() -> {
            long t0 = System.nanoTime();
            for (int k = 0; k < sent.size(); k++) {
                InviteOutcome.Sent invitation = sent.get(k);
                long t = System.nanoTime();
                invitations.accept(TestWorkspaces.tokenOf(invitation.link()), accountByEmail.get(invitation.email()));
                acceptNanos[k] = System.nanoTime() - t;
            }
            return System.nanoTime() - t0;
        });
        int after = members.count(owner, MemberFilter.NONE);
        assertThat(after).isEqualTo(before + NEW_MEMBERS);
        assertThat(platform.fetchCount(WORKSPACE_MEMBERSHIP, WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(owner.workspaceId())))
                .isEqualTo(after);

        // Reference for the invite time: the same number of e-mails straight through the same JavaMailSender, one
        // send per message as InvitationMailer does, and one send(...) per request of 50 (one SMTP connection).
        List<SimpleMailMessage> references = new ArrayList<>();
        for (int k = 0; k < NEW_MEMBERS; k++) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom("Atrium <no-reply@atrium.localhost>");
            message.setTo("reference-" + k + "@newcomers.test");
            message.setSubject("Atrium: Bench Owner invited you to the workspace \"Bench Owner's team\"");
            message.setText("Hello,\n\nBench Owner invited you to join the workspace on Atrium as Member.\n\n"
                    + "Accept the invitation:\nhttps://atrium.test/invite/" + UUID.randomUUID() + UUID.randomUUID() + "\n");
            references.add(message);
        }
        long mailStart = System.nanoTime();
        references.forEach(mailSender::send);
        long mails = System.nanoTime() - mailStart;
        mailStart = System.nanoTime();
        for (int b = 0; b < NEW_MEMBERS / BATCH; b++) {
            mailSender.send(references.subList(b * BATCH, (b + 1) * BATCH).toArray(SimpleMailMessage[]::new));
        }
        long batchedMails = System.nanoTime() - mailStart;

        double perMember = (invited.value() + accepted.value()) / (double) NEW_MEMBERS;
        line("");
        line("3. Adding %,d members to the %,d-member workspace through the service", NEW_MEMBERS, before);
        line("   (setup, not counted: %,d AccountService.signIn of the invitees %.2f s)", NEW_MEMBERS, signIns / 1e9);
        line("   invite, %d requests of %d addresses  total %8.2f s   per request median %7.1f ms, p90 %7.1f ms",
                batchNanos.length, BATCH, invited.value() / 1e9, ms(median(batchNanos)), ms(p90(batchNanos)));
        line("   accept, %,d calls                  total %8.2f s   per call    median %7.1f ms, p90 %7.1f ms",
                acceptNanos.length, accepted.value() / 1e9, ms(median(acceptNanos)), ms(p90(acceptNanos)));
        line("   per member (invite + accept)       %8.2f ms", ms(perMember));
        line("   reference: %,d e-mails through the same JavaMailSender to GreenMail, one send(...) each %.2f s"
                + " (%.2f ms each);", NEW_MEMBERS, mails / 1e9, ms(mails) / NEW_MEMBERS);
        line("              %d per send(...) call, one SMTP connection each, %.2f s (%.2f ms each)", BATCH,
                batchedMails / 1e9, ms(batchedMails) / NEW_MEMBERS);
        line("   SQL statements: invite %,d (%.1f per address), accept %,d (%.1f per call)", invited.sql().size(),
                invited.sql().size() / (double) NEW_MEMBERS, accepted.sql().size(), accepted.sql().size() / (double) NEW_MEMBERS);
        isMemberByEmail = invited.sql().stream().filter(e -> e.sql().contains("lower(\"platform\".\"account\".\"email\") = "))
                .findFirst().map(Executed::raw).orElse(null);
        line("   costliest statements (jOOQ execute-to-end time, summed):");
        costliest("invite", invited.sql());
        costliest("accept", accepted.sql());
    }

    private void costliest(String phase, List<Executed> statements) {
        Map<String, long[]> bySql = new HashMap<>();
        for (Executed e : statements) {
            long[] acc = bySql.computeIfAbsent(e.sql(), k -> new long[2]);
            acc[0]++;
            acc[1] += e.nanos();
        }
        long all = statements.stream().mapToLong(Executed::nanos).sum();
        line("     %s: all SQL %.2f s", phase, all / 1e9);
        bySql.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[1]).reversed())
                .limit(3)
                .forEach(e -> line("       %7.2f s %6d x  %s", e.getValue()[1] / 1e9, e.getValue()[0], abbreviate(e.getKey(), 110)));
    }

    private static String abbreviate(String sql, int max) {
        return Report.abbreviate(sql.replaceAll("\\s+", " "), max);
    }

    // ---------------------------------------------------------------------------------------------------- part 4

    static final int WHAT_IF_WARM_UPS = 2;
    static final int WHAT_IF_RUNS = 11;

    /** InvitationRepository.isMember(email) as the invitations of part 3 ran it. */
    private Raw isMemberByEmail;

    private void whatIf(TenantScope owner) throws SQLException {
        String schema = TenantProvisioner.schemaNameFor(owner.workspaceId());
        String member = "\"" + schema + "\".member";
        line("");
        line("4. What-if, on raw SQL only: N = %d after %d warm-ups, statement time without pool checkout, ms median / p90",
                WHAT_IF_RUNS, WHAT_IF_WARM_UPS);

        line("   a) counts without the join to platform.account (member.account_id is a NOT NULL FK to it):");
        Raw withJoin = captured.get("a").count();
        Raw memberOnly = new Raw("select count(*) from " + member);
        assertThat(rawCount(memberOnly)).isEqualTo(rawCount(withJoin));
        compare("unfiltered count, as the service", time(withJoin, null), "member only", time(memberOnly, null));
        Raw guestWithJoin = captured.get("d").count();
        Raw guestOnly = new Raw("select count(*) from " + member + " where role_id = ?", teams.roleId(owner, "guest"));
        assertThat(rawCount(guestOnly)).isEqualTo(rawCount(guestWithJoin));
        compare("role = guest count, as the service", time(guestWithJoin, null), "member only", time(guestOnly, null));

        line("   c) filtered page (c.): without the trigram indexes on lower(display_name) and lower(email) (dropped and made again)");
        Raw filteredPage = captured.get("c").page();
        Raw filteredCount = captured.get("c").count();
        long[] pageWith = time(filteredPage, null);
        long[] countWith = time(filteredCount, null);
        String planWith = scans(filteredPage);
        try {
            platform.execute("drop index platform.account_name_trgm_ix");
            platform.execute("drop index platform.account_email_trgm_ix");
            compare("page, trigram indexes", pageWith, "without", time(filteredPage, null));
            compare("count, trigram indexes", countWith, "without", time(filteredCount, null));
            line("      plan with: %s", planWith);
            line("      without:   %s", scans(filteredPage));
        } finally {
            platform.execute("create index if not exists account_name_trgm_ix on platform.account using gin (lower(display_name) extensions.gin_trgm_ops)");
            platform.execute("create index if not exists account_email_trgm_ix on platform.account using gin (lower(email) extensions.gin_trgm_ops)");
            platform.execute("analyze platform.account");
        }

        line("   d) InvitationRepository.isMember(email), run once per invited address in 3.: index on lower(email)");
        if (isMemberByEmail == null) {
            line("      not measured: the statement was not found among the invitation's SQL");
        } else {
            long[] before = time(isMemberByEmail, null);
            String planBefore = scans(isMemberByEmail);
            try {
                platform.execute("create index bench_account_email_lower_ix on platform.account (lower(email))");
                platform.execute("analyze platform.account");
                compare("isMember(email), no index", before, "with index", time(isMemberByEmail, null));
                line("      plan before: %s", planBefore);
                line("      plan now:    %s", scans(isMemberByEmail));
            } finally {
                platform.execute("drop index if exists platform.bench_account_email_lower_ix");
            }
        }
    }

    private void compare(String label, long[] before, String afterLabel, long[] after) {
        line("      %-36s %8.2f / %8.2f   %-22s %8.2f / %8.2f   (x %.1f)", label, ms(median(before)), ms(p90(before)),
                afterLabel, ms(median(after)), ms(p90(after)), median(before) / median(after));
    }

    private long[] time(Raw statement, String setting) throws SQLException {
        long[] nanos = new long[WHAT_IF_RUNS];
        for (int run = 0; run < WHAT_IF_WARM_UPS + WHAT_IF_RUNS; run++) {
            try (Connection connection = dataSource.getConnection()) {
                set(connection, setting);
                try {
                    long start = System.nanoTime();
                    try (PreparedStatement ps = statement.prepare(connection, "");
                            ResultSet rs = ps.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            for (int c = 1; c <= columns; c++) {
                                rs.getObject(c);
                            }
                        }
                    }
                    if (run >= WHAT_IF_WARM_UPS) {
                        nanos[run - WHAT_IF_WARM_UPS] = System.nanoTime() - start;
                    }
                } finally {
                    reset(connection, setting);
                }
            }
        }
        return nanos;
    }

    /** The scan nodes of the statement's plan, on one line. */
    private String scans(Raw statement) throws SQLException {
        return String.join(" | ", explain("EXPLAIN (COSTS OFF) ", statement).stream()
                .filter(l -> l.contains("Scan"))
                .map(l -> l.replace("->", "").strip())
                .toList());
    }

    private static void set(Connection connection, String setting) throws SQLException {
        if (setting != null) {
            try (var statement = connection.createStatement()) {
                statement.execute("set " + setting);
            }
        }
    }

    private static void reset(Connection connection, String setting) throws SQLException {
        if (setting != null) {
            try (var statement = connection.createStatement()) {
                statement.execute("reset " + setting.substring(0, setting.indexOf('=')).strip());
            }
        }
    }

    /** Registers {@link SqlCapture#SQL} on jOOQ; a class of this benchmark's own, so it gets a context of its own. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RecordSql extends SqlCapture.Config {
    }

    // ---------------------------------------------------------------------------------------------------- report

    private void line(String format, Object... args) {
        report.line(format, args);
    }
}
