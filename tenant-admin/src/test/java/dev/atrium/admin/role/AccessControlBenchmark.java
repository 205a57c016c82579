package dev.atrium.admin.role;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;
import static dev.atrium.db.jooq.tenant.Tables.INVITATION;
import static dev.atrium.db.jooq.tenant.Tables.MEMBER;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;
import static dev.atrium.admin.bench.Report.abbreviate;
import static dev.atrium.admin.bench.SeriesData.accountId;
import static dev.atrium.admin.bench.SeriesData.joinedAt;
import static dev.atrium.admin.bench.SeriesData.pick;
import static dev.atrium.admin.bench.SeriesData.secondsAgo;
import static dev.atrium.admin.bench.Stats.median;
import static dev.atrium.admin.bench.Stats.ms;
import static dev.atrium.admin.bench.Stats.p90;
import static dev.atrium.admin.bench.Stats.us;
import static dev.atrium.admin.bench.SqlCapture.SQL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jooq.CaseConditionStep;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record4;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestApplication;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.bench.Report;
import dev.atrium.admin.bench.SeriesData;
import dev.atrium.admin.bench.SqlCapture;
import dev.atrium.admin.bench.SqlCapture.Executed;
import dev.atrium.admin.bench.SqlCapture.Raw;
import dev.atrium.admin.bench.SqlCapture.Recorded;
import dev.atrium.admin.invitation.Invitation;
import dev.atrium.admin.invitation.InvitationFilter;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.member.Member;
import dev.atrium.admin.member.MemberFilter;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.tenancy.CacheInvalidations;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Benchmark of the permission check's role cache and of the SQL one grid request costs, on a fresh, throw-away
 * embedded PostgreSQL. Not part of the normal build: surefire excludes {@code **}{@code /*Benchmark.java} unless the
 * {@code bench} profile is active. Run from the repository root with
 *
 * <pre>
 * ./mvnw -B -pl tenant-admin -am -Pbench test -Dsurefire.failIfNoSpecifiedTests=false -Dtest=AccessControlBenchmark
 * </pre>
 *
 * (add {@code -o} to stay offline). It prints a plain-text report to standard output; it asserts only sanity (row and
 * statement counts, the check's answer), never wall-clock times.
 * <ol>
 * <li><b>Load</b>: one workspace with {@value #CUSTOM_ROLES} custom roles made with {@link RoleService#create}, a
 * member holding one of them who joined through an invitation, then {@value #MEMBERS} members and
 * {@value #INVITATIONS} invitations over all ten roles through set-based {@code INSERT ... SELECT ... FROM
 * generate_series}, followed by {@code VACUUM (ANALYZE)}.</li>
 * <li><b>Permission check</b>: {@link AccessControl#has} of {@link Permissions#MEMBERS_INVITE}, warm (the role
 * cached: {@value #WARM_BATCHES} batches of {@value #BATCH_CALLS} calls, ns per call) and cold (right after
 * {@link AccessControl#forgetWorkspace}, so each call reads the role with SQL: {@value #COLD_CALLS} calls), for the member
 * with a custom role and for the Owner; the cold statement is also run on plain JDBC as a baseline.</li>
 * <li><b>SQL per request</b>: the statements (jOOQ {@link ExecuteListener}) and the client/server round trips (the
 * PostgreSQL driver's {@code FE=> Sync} messages, which it sends once per round trip) of the members grid's page +
 * count, {@link RoleService#assignableRoles}, the invitations grid's page + count, and everything the members grid
 * runs when it is built, each on a warm and a cold permission cache.</li>
 * </ol>
 */
@SpringBootTest
class AccessControlBenchmark {

    static final int MEMBERS = 1_000;
    static final int INVITATIONS = 300;
    static final int CUSTOM_ROLES = 6;
    static final int WARM_UP_BATCHES = 200;
    static final int WARM_BATCHES = 100;
    static final int BATCH_CALLS = 1_000;
    static final int COLD_WARM_UPS = 500;
    static final int COLD_CALLS = 3_000;
    static final int REQUEST_WARM_UPS = 10;
    static final int REQUEST_RUNS = 51;
    static final int PAGE_SIZE = 50;
    static final int SQL_CHARS = 120;

    private static final String[] FIRST_NAMES = {"Aiko", "Alejandro", "Amara", "Arjun", "Beatriz", "Chen", "Dmitri",
            "Elif", "Fatima", "Freya", "Hiroshi", "Ines", "Jonas", "Kofi", "Leila", "Mei", "Noah", "Olga", "Priya",
            "Tariq", "Valentina", "Wei", "Yusuf", "Zoe"};
    private static final String[] LAST_NAMES = {"Smith", "Garcia", "Müller", "Dubois", "Rossi", "Nowak", "Jensen",
            "Virtanen", "Sato", "Wang", "Kim", "Singh", "Okafor", "Mensah", "Hansen", "Lopez", "Schmidt", "Tanaka",
            "Novák", "Karlsson"};
    private static final String[] DOMAINS = {"example.com", "mail.test", "acme.test", "globex.test", "example.org"};

    /** Counts the driver's round trips of the current thread while asked to. */
    static final RoundTrips ROUND_TRIPS = new RoundTrips();

    @Autowired DataSource dataSource;
    @Autowired DSLContext platform;
    @Autowired TenantDsl tenantDsl;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired AccessControl access;
    @Autowired CacheInvalidations invalidations;
    @Autowired RoleService roles;
    @Autowired MemberService members;
    @Autowired InvitationService invitations;
    @Autowired TestWorkspaces teams;

    private final Report report = new Report();
    private String schema;
    /** The SQL of AccessControl's role look-up (roleOfMember), as part 2 saw it. */
    private String roleLookupSql;

    /** Notifications of AccessControl's cache kind ("permissions") this node's listener has handed on. */
    private final AtomicLong permissionNotices = new AtomicLong();

    @Test
    void run() throws Exception {
        invalidations.subscribe("permissions", new CacheInvalidations.Subscriber() {
            @Override
            public void changed(UUID workspaceId) {
                permissionNotices.incrementAndGet();
            }

            @Override
            public void anythingMayHaveChanged() {
                permissionNotices.incrementAndGet();
            }
        });
        report.header("Atrium permission-check (AccessControl) benchmark", platform, "");
        report.rule();
        TenantScope owner = teams.newWorkspace("ACL Bench Owner");
        schema = TenantProvisioner.schemaNameFor(owner.workspaceId());
        List<RoleSummary> custom = createCustomRoles(owner);
        TenantScope lead = teams.join(owner, "ACL Bench Lead", custom.getFirst().key());
        load(owner, custom);
        permissionCheck(owner, lead, custom.getFirst());
        sqlPerRequest(owner);
        report.print();
    }

    // ---------------------------------------------------------------------------------------------------- part 1

    private List<RoleSummary> createCustomRoles(TenantScope owner) {
        String reports = TestApplication.HOST_PERMISSION;
        Map<String, Set<String>> drafts = new LinkedHashMap<>();
        drafts.put("Team lead", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_INVITE, Permissions.INVITATIONS_MANAGE,
                Permissions.MEMBERS_CHANGE_ROLE, Permissions.MEMBERS_REMOVE, Permissions.ROLES_VIEW, reports));
        drafts.put("Recruiter", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_INVITE, Permissions.INVITATIONS_MANAGE));
        drafts.put("Auditor", Set.of(Permissions.MEMBERS_VIEW, Permissions.ROLES_VIEW, Permissions.AUDIT_VIEW,
                Permissions.AUDIT_EXPORT));
        drafts.put("Reporter", Set.of(Permissions.MEMBERS_VIEW, reports));
        drafts.put("Support", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_INVITE, Permissions.ROLES_VIEW,
                Permissions.AUDIT_VIEW, reports));
        drafts.put("Settings keeper", Set.of(Permissions.MEMBERS_VIEW, Permissions.ROLES_VIEW,
                Permissions.WORKSPACE_SETTINGS, Permissions.AUDIT_SETTINGS));
        List<RoleSummary> created = new ArrayList<>();
        drafts.forEach((name, permissions) -> created.add(
                roles.create(owner, new RoleDraft(name, "Benchmark role " + name, permissions))));
        assertThat(created).hasSize(CUSTOM_ROLES);
        return created;
    }

    private void load(TenantScope owner, List<RoleSummary> custom) {
        DSLContext tenant = tenantDsl.of(owner);
        // 45 % member, 10 % admin, 15 % guest, 5 % each custom role: a die of 20 faces.
        List<UUID> faces = new ArrayList<>();
        for (int k = 0; k < 9; k++) {
            faces.add(teams.roleId(owner, BuiltInRoles.MEMBER));
        }
        for (int k = 0; k < 2; k++) {
            faces.add(teams.roleId(owner, BuiltInRoles.ADMIN));
        }
        for (int k = 0; k < 3; k++) {
            faces.add(teams.roleId(owner, BuiltInRoles.GUEST));
        }
        custom.forEach(role -> faces.add(role.id()));
        assertThat(faces).hasSize(20);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        long start = System.nanoTime();
        transaction.executeWithoutResult(status -> {
            Table<Record4<Integer, String, String, String>> p = people(MEMBERS, 0);
            Field<Integer> i = p.field("i", Integer.class);
            Field<String> first = p.field("first_name", String.class);
            Field<String> last = p.field("last_name", String.class);
            int inserted = platform.insertInto(ACCOUNT, ACCOUNT.ID, ACCOUNT.EMAIL,
                            ACCOUNT.EMAIL_VERIFIED, ACCOUNT.DISPLAY_NAME, ACCOUNT.CREATED_AT, ACCOUNT.LAST_SIGNED_IN_AT)
                    .select(DSL.select(benchAccountId(i),
                                    DSL.lower(first.concat(DSL.inline("."), last)).concat(DSL.inline(".acl"),
                                            i.cast(String.class), DSL.inline("@"), p.field("domain", String.class)),
                                    DSL.inline(true), first.concat(DSL.inline(" "), last), joinedAt(i),
                                    secondsAgo(pick(i, 6, 30 * 86_400)))
                            .from(p))
                    .execute();
            assertThat(inserted).isEqualTo(MEMBERS);

            Table<Record1<Integer>> series = DSL.generateSeries(1, MEMBERS).as("gs", "i");
            Field<Integer> g = series.field("i", Integer.class);
            inserted = tenant.insertInto(MEMBER, MEMBER.ACCOUNT_ID, MEMBER.ROLE_ID, MEMBER.JOINED_AT, MEMBER.LAST_ACTIVE_AT)
                    .select(DSL.select(benchAccountId(g), face(faces, pick(g, 4, 20)), joinedAt(g),
                                    DSL.field("case when {0} = 0 then null else greatest({1}, {2}) end", OffsetDateTime.class,
                                            pick(g, 8, 5), joinedAt(g), secondsAgo(pick(g, 9, 90 * 86_400))))
                            .from(series))
                    .execute();
            assertThat(inserted).isEqualTo(MEMBERS);

            inserted = platform.insertInto(WORKSPACE_MEMBERSHIP, WORKSPACE_MEMBERSHIP.WORKSPACE_ID,
                            WORKSPACE_MEMBERSHIP.ACCOUNT_ID, WORKSPACE_MEMBERSHIP.JOINED_AT)
                    .select(DSL.select(DSL.inline(owner.workspaceId()), benchAccountId(g), joinedAt(g)).from(series))
                    .execute();
            assertThat(inserted).isEqualTo(MEMBERS);

            Table<Record4<Integer, String, String, String>> q = people(INVITATIONS, 1000);
            Field<Integer> j = q.field("i", Integer.class);
            Field<String> email = DSL.lower(q.field("first_name", String.class).concat(DSL.inline("."),
                            q.field("last_name", String.class)))
                    .concat(DSL.inline(".aclinv"), j.cast(String.class), DSL.inline("@"), q.field("domain", String.class));
            Field<Integer> statusDie = pick(j, 1002, 10);
            Field<OffsetDateTime> sentAt = secondsAgo(pick(j, 1004, 60 * 86_400));
            inserted = tenant.insertInto(INVITATION, INVITATION.EMAIL, INVITATION.EMAIL_NORMALIZED, INVITATION.ROLE_ID,
                            INVITATION.STATUS, INVITATION.INVITED_BY, INVITATION.CREATED_AT, INVITATION.SENT_AT,
                            INVITATION.EXPIRES_AT, INVITATION.SEND_COUNT, INVITATION.CLOSED_AT)
                    .select(DSL.select(email, DSL.lower(email), face(faces, pick(j, 1003, 20)),
                                    DSL.when(statusDie.lt(7), DSL.inline("pending"))
                                            .when(statusDie.eq(7), DSL.inline("cancelled"))
                                            .otherwise(DSL.inline("expired")),
                                    DSL.inline(owner.accountId()), sentAt, sentAt,
                                    DSL.field("{0} + interval '7 days'", OffsetDateTime.class, sentAt),
                                    pick(j, 1005, 3).plus(DSL.inline(1)),
                                    DSL.when(statusDie.eq(7), DSL.field("{0} + interval '1 day'", OffsetDateTime.class, sentAt)))
                            .from(q))
                    .execute();
            assertThat(inserted).isEqualTo(INVITATIONS);
        });
        for (var table : List.of(DSL.name("platform", "account"), DSL.name("platform", "workspace_membership"),
                DSL.name(schema, "member"), DSL.name(schema, "invitation"), DSL.name(schema, "role"),
                DSL.name(schema, "role_permission"))) {
            platform.execute("VACUUM (ANALYZE) {0}", table);
        }
        long elapsed = System.nanoTime() - start;

        int memberRows = tenant.fetchCount(MEMBER);
        assertThat(memberRows).isEqualTo(MEMBERS + 2);
        assertThat(platform.fetchCount(WORKSPACE_MEMBERSHIP, WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(owner.workspaceId())))
                .isEqualTo(MEMBERS + 2);
        Map<String, Integer> byRole = new LinkedHashMap<>();
        tenant.select(ROLE.NAME, DSL.count()).from(MEMBER).join(ROLE).on(ROLE.ID.eq(MEMBER.ROLE_ID))
                .groupBy(ROLE.NAME).orderBy(DSL.count().desc())
                .forEach(r -> byRole.put(r.value1(), r.value2()));
        line("");
        line("1. Load: one workspace, 4 built-in + %d custom roles (RoleService.create, 2-7 permissions each),", CUSTOM_ROLES);
        line("   the Owner, one 'Team lead' joined by invitation, %,d members and %,d invitations set-based", MEMBERS, INVITATIONS);
        line("   (INSERT ... SELECT FROM generate_series, then VACUUM (ANALYZE)): %.2f s", elapsed / 1e9);
        line("   members %,d by role %s", memberRows, byRole);
    }

    private static Field<UUID> face(List<UUID> faces, Field<Integer> die) {
        CaseConditionStep<UUID> roleId = DSL.when(die.eq(0), DSL.inline(faces.getFirst()));
        for (int k = 1; k < faces.size() - 1; k++) {
            roleId = roleId.when(die.eq(k), DSL.inline(faces.get(k)));
        }
        return roleId.otherwise(DSL.inline(faces.getLast()));
    }

    private static Table<Record4<Integer, String, String, String>> people(int n, int salt) {
        return SeriesData.people(n, salt, FIRST_NAMES, LAST_NAMES, DOMAINS);
    }

    private static Field<UUID> benchAccountId(Field<Integer> i) {
        return accountId("atrium-acl-bench-", i);
    }

    // ---------------------------------------------------------------------------------------------------- part 2

    private void permissionCheck(TenantScope owner, TenantScope lead, RoleSummary leadRole) throws SQLException {
        line("");
        line("2. AccessControl.has(scope, \"%s\"), warm vs cold role cache", Permissions.MEMBERS_INVITE);
        line("   warm: %d batches of %,d calls for the same member after %d warm-up batches (%,d calls measured),",
                WARM_BATCHES, BATCH_CALLS, WARM_UP_BATCHES, WARM_BATCHES * BATCH_CALLS);
        line("         ns per call = batch time / %,d; median / p90 over the batches", BATCH_CALLS);
        line("   cold: AccessControl.forgetWorkspace(workspace) before each call (not timed), so each call reads the");
        line("         role with SQL; %,d measured calls after %d warm-ups; median / p90 over the calls", COLD_CALLS,
                COLD_WARM_UPS);
        line("   'SQL' = jOOQ execute-to-end time of the look-up; 'plain JDBC' = the same statement and binds with a");
        line("   PreparedStatement on a pooled connection (checkout included, as for jOOQ), every column read");
        check("Team lead (custom role, " + leadRole.permissions().size() + " permissions)", lead);
        check("Owner (built-in role)", owner);
    }

    private void check(String label, TenantScope scope) throws SQLException {
        String permission = Permissions.MEMBERS_INVITE;
        // Warm: the role is cached; no statement may run.
        assertThat(access.has(scope, permission)).isTrue();
        Recorded<Integer> none = SQL.record(() -> {
            int hits = 0;
            for (int k = 0; k < BATCH_CALLS; k++) {
                hits += access.has(scope, permission) ? 1 : 0;
            }
            return hits;
        });
        assertThat(none.value()).isEqualTo(BATCH_CALLS);
        assertThat(none.sql()).as("statements of %d warm checks", BATCH_CALLS).isEmpty();
        long[] warm = new long[WARM_BATCHES];
        long hits = 0;
        for (int b = 0; b < WARM_UP_BATCHES + WARM_BATCHES; b++) {
            long start = System.nanoTime();
            for (int k = 0; k < BATCH_CALLS; k++) {
                if (access.has(scope, permission)) {
                    hits++;
                }
            }
            long elapsed = System.nanoTime() - start;
            if (b >= WARM_UP_BATCHES) {
                warm[b - WARM_UP_BATCHES] = elapsed;
            }
        }
        assertThat(hits).isEqualTo((long) (WARM_UP_BATCHES + WARM_BATCHES) * BATCH_CALLS);
        double[] warmPerCall = {median(warm) / BATCH_CALLS, p90(warm) / (double) BATCH_CALLS};

        // Cold: forgotten before every call, so every call runs exactly two statements: the member's role, and whether
        // the workspace was deleted meanwhile (a deleted workspace's role is never cached).
        long[] cold = new long[COLD_CALLS];
        long[] sql = new long[COLD_CALLS];
        Executed lookup = null;
        Executed liveness = null;
        for (int k = 0; k < COLD_WARM_UPS + COLD_CALLS; k++) {
            access.forgetWorkspace(scope.workspaceId());
            long[] elapsed = new long[1];
            Recorded<Boolean> call = SQL.record(() -> {
                long start = System.nanoTime();
                boolean has = access.has(scope, permission);
                elapsed[0] = System.nanoTime() - start;
                return has;
            });
            assertThat(call.value()).isTrue();
            assertThat(call.sql()).as("statements of a cold check").hasSize(2);
            if (k >= COLD_WARM_UPS) {
                cold[k - COLD_WARM_UPS] = elapsed[0];
                sql[k - COLD_WARM_UPS] = call.sql().getFirst().nanos() + call.sql().getLast().nanos();
            }
            lookup = call.sql().getFirst();
            liveness = call.sql().getLast();
        }
        roleLookupSql = lookup.sql();
        long[] plain = new long[COLD_CALLS];
        Raw raw = lookup.raw();
        Raw live = liveness.raw();
        for (int k = 0; k < COLD_WARM_UPS + COLD_CALLS; k++) {
            long start = System.nanoTime();
            int rows = raw.readAll(dataSource) + live.readAll(dataSource);
            long elapsed = System.nanoTime() - start;
            assertThat(rows).isEqualTo(2);
            if (k >= COLD_WARM_UPS) {
                plain[k - COLD_WARM_UPS] = elapsed;
            }
        }

        line("");
        line("   %s", label);
        line("      %-26s %12s %12s", "", "median", "p90");
        line("      %-26s %9.1f ns %9.1f ns", "warm, per call", warmPerCall[0], warmPerCall[1]);
        line("      %-26s %9.1f us %9.1f us", "cold, per call", us(median(cold)), us(p90(cold)));
        line("        %-24s %9.1f us %9.1f us", "of which SQL (jOOQ)", us(median(sql)), us(p90(sql)));
        line("      %-26s %9.1f us %9.1f us", "plain JDBC, same two SQL", us(median(plain)), us(p90(plain)));
        line("      ratio cold / warm        %12.0f x %10.0f x", median(cold) / warmPerCall[0], p90(cold) / warmPerCall[1]);
        line("      ratio cold / plain JDBC  %12.2f x %10.2f x", median(cold) / median(plain), p90(cold) / (double) p90(plain));
        line("      cold statements: %s", abbreviate(readable(lookup.sql()), 400));
        line("                       %s", abbreviate(readable(liveness.sql()), 400));
    }

    // ---------------------------------------------------------------------------------------------------- part 3

    private record Request(String key, String label, Supplier<Object> action) {
    }

    private void sqlPerRequest(TenantScope owner) {
        PageRequest first = new PageRequest(0, PAGE_SIZE, List.of());
        List<Request> requests = List.of(
                new Request("a", "a. members grid request: MemberService.page(NONE, 0/50) + count(NONE)", () -> {
                    List<Member> page = members.page(owner, MemberFilter.NONE, first);
                    int count = members.count(owner, MemberFilter.NONE);
                    assertThat(page).hasSize(PAGE_SIZE);
                    assertThat(count).isEqualTo(MEMBERS + 2);
                    return count;
                }),
                new Request("b", "b. RoleService.assignableRoles (MembersGrid.reload)", () -> {
                    List<RoleSummary> assignable = roles.assignableRoles(owner);
                    assertThat(assignable).hasSize(4 + CUSTOM_ROLES);
                    return assignable;
                }),
                new Request("c", "c. invitations grid request: InvitationService.page(NONE, 0/50) + count(NONE)", () -> {
                    List<Invitation> page = invitations.page(owner, InvitationFilter.NONE, first);
                    int count = invitations.count(owner, InvitationFilter.NONE);
                    assertThat(page).isNotEmpty();
                    assertThat(count).isPositive();
                    return count;
                }),
                new Request("d", "d. members grid built, as MembersGrid's constructor and first fetch call the services:",
                        () -> buildMembersGrid(owner, first)));

        line("");
        line("3. SQL per request, acting as the Owner (%,d-member workspace)", MEMBERS + 2);
        line("   statements: jOOQ ExecuteListener; round trips: the PostgreSQL driver's 'FE=> Sync' messages on this");
        line("   thread (one per client/server round trip, pool validation included); warm = role cached, cold =");
        line("   AccessControl.forgetWorkspace(...) just before. Time: median / p90 of %d runs after %d warm-ups, ms.",
                REQUEST_RUNS, REQUEST_WARM_UPS);
        line("   Statements listed in order (tenant schema and quotes left out, first %d chars).", SQL_CHARS);
        for (Request request : requests) {
            measure(owner, request);
        }
    }

    /**
     * What the members grid runs when it is built: MembersGrid.reload() (the acting member's role, every role once, the
     * assignable ones filtered from them; a row's role is looked up among those) and the grid's first fetch.
     */
    private Object buildMembersGrid(TenantScope owner, PageRequest first) {
        RoleSummary acting = access.roleOf(owner);
        List<RoleSummary> all = roles.roles(owner);
        List<RoleSummary> assignable = all.stream().filter(role -> access.canAssign(acting, role)).toList();
        List<Member> page = members.page(owner, MemberFilter.NONE, first);
        int count = members.count(owner, MemberFilter.NONE);
        assertThat(all).hasSize(4 + CUSTOM_ROLES);
        assertThat(assignable).hasSize(4 + CUSTOM_ROLES);
        assertThat(page).hasSize(PAGE_SIZE);
        assertThat(count).isEqualTo(MEMBERS + 2);
        return count;
    }

    private void measure(TenantScope owner, Request request) {
        for (int k = 0; k < REQUEST_WARM_UPS; k++) {
            if (k % 2 == 0) {
                forget(owner);
            }
            request.action().get();
        }
        long[] warmNanos = new long[REQUEST_RUNS];
        long[] coldNanos = new long[REQUEST_RUNS];
        for (int run = 0; run < REQUEST_RUNS; run++) {
            request.action().get();
            long start = System.nanoTime();
            request.action().get();
            warmNanos[run] = System.nanoTime() - start;
            forget(owner);
            start = System.nanoTime();
            request.action().get();
            coldNanos[run] = System.nanoTime() - start;
        }
        request.action().get();
        Traced warm = trace(request);
        forget(owner);
        Traced cold = trace(request);
        // The counts must not depend on the run.
        Traced warmAgain = trace(request);
        forget(owner);
        Traced coldAgain = trace(request);
        assertThat(warmAgain.statements()).isEqualTo(warm.statements());
        assertThat(coldAgain.statements()).isEqualTo(cold.statements());
        assertThat(cold.statements().size()).isGreaterThan(warm.statements().size());
        assertThat(warm.inTransaction() || cold.inTransaction()).as("statements inside a transaction").isFalse();

        line("");
        line("   %s", request.label());
        if (request.key().equals("d")) {
            line("      access.roleOf, roles.roles, members.page + count");
        }
        line("      %-5s statements %2d, round trips %2d, time %7.2f / %7.2f ms", "warm", warm.statements().size(),
                warm.roundTrips(), ms(median(warmNanos)), ms(p90(warmNanos)));
        line("      %-5s statements %2d, round trips %2d, time %7.2f / %7.2f ms", "cold", cold.statements().size(),
                cold.roundTrips(), ms(median(coldNanos)), ms(p90(coldNanos)));
        line("      (every statement ran outside a transaction, autocommit, on a connection of its own from the pool)");
        int n = 1;
        List<String> rest = new ArrayList<>(warm.statements());
        for (String sql : cold.statements()) {
            boolean onlyCold = !rest.remove(sql);
            String what = onlyCold ? (sql.equals(roleLookupSql) ? "cold only, role look-up" : "cold only") : "";
            line("      %2d. %-24s %s", n++, what.isEmpty() ? "" : "[" + what + "]", abbreviate(readable(sql), SQL_CHARS));
        }
        if (!rest.isEmpty()) {
            rest.forEach(sql -> line("          [warm only]              %s", abbreviate(readable(sql), SQL_CHARS)));
        }
    }

    /**
     * Forgets the workspace's cached roles and waits until this node's listener has been told as well: its
     * notification arrives a moment later and forgets them again, which had made a warm call that followed cold.
     */
    private void forget(TenantScope scope) {
        long before = permissionNotices.get();
        access.forgetWorkspace(scope.workspaceId());
        await().atMost(Duration.ofSeconds(10)).until(() -> permissionNotices.get() > before);
    }

    private record Traced(Object value, List<String> statements, int roundTrips, boolean inTransaction) {
    }

    private Traced trace(Request request) {
        int[] roundTrips = new int[1];
        Recorded<Object> recorded = SQL.record(() -> ROUND_TRIPS.count(() -> request.action().get(), roundTrips));
        return new Traced(recorded.value(), recorded.sql().stream().map(Executed::sql).toList(), roundTrips[0],
                recorded.sql().stream().anyMatch(Executed::inTransaction));
    }

    // ---------------------------------------------------------------------------------------------------- recording

    /**
     * Counts client/server round trips through the PostgreSQL driver's own FINEST logging: the extended query
     * protocol ends every round trip with one Sync message, which QueryExecutorImpl logs as {@code " FE=> Sync"}.
     * Enabled only while counting, and only messages of the counting thread are counted.
     */
    static final class RoundTrips extends Handler {

        private static final Logger DRIVER = Logger.getLogger("org.postgresql.core.v3.QueryExecutorImpl");
        private volatile Thread counting;
        private int syncs;

        synchronized <T> T count(Supplier<T> action, int[] roundTrips) {
            Level level = DRIVER.getLevel();
            boolean parents = DRIVER.getUseParentHandlers();
            syncs = 0;
            counting = Thread.currentThread();
            DRIVER.addHandler(this);
            DRIVER.setUseParentHandlers(false);
            DRIVER.setLevel(Level.FINEST);
            try {
                return action.get();
            } finally {
                DRIVER.setLevel(level);
                DRIVER.setUseParentHandlers(parents);
                DRIVER.removeHandler(this);
                counting = null;
                roundTrips[0] = syncs;
            }
        }

        @Override
        public void publish(LogRecord record) {
            if (Thread.currentThread() == counting && record.getMessage() != null && record.getMessage().contains("FE=> Sync")) {
                syncs++;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Registers {@link SqlCapture#SQL} on jOOQ; a class of this benchmark's own, so it gets a context of its own. */
    @TestConfiguration(proxyBeanMethods = false)
    static class RecordSql extends SqlCapture.Config {
    }

    // ---------------------------------------------------------------------------------------------------- report

    private String readable(String sql) {
        return Report.readable(sql, schema);
    }

    private void line(String format, Object... args) {
        report.line(format, args);
    }
}
