package dev.atrium.e2e.bench;

import static dev.atrium.admin.bench.Stats.max;
import static dev.atrium.admin.bench.Stats.median;
import static dev.atrium.admin.bench.Stats.ms;
import static dev.atrium.admin.bench.Stats.p90;
import static dev.atrium.admin.bench.Stats.percentile;
import static dev.atrium.admin.bench.Stats.ratio;
import static dev.atrium.db.jooq.platform.Tables.SPARE_SCHEMA;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import com.icegreen.greenmail.util.GreenMail;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.apikey.ApiKeyDraft;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.PlatformApiKeyService;
import dev.atrium.admin.bench.Report;
import dev.atrium.admin.dns.TestDnsConfiguration;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.app.AtriumApplication;
import dev.atrium.e2e.SignedIn;
import dev.atrium.e2e.StandInRequest;
import tools.jackson.databind.JsonNode;

/**
 * Atrium's REST API against Keycloak's admin REST API, side by side in one run over loopback HTTP with the same client:
 * creating a workspace (with a platform API key) against an organization, a page of 50 members at offset 900 of 1,000, and inviting 1,000
 * addresses. Set-up (Keycloak's start, realm, users; Atrium's members) is not measured; each measurement follows a
 * warm-up of the same calls. Keycloak runs as a child process in development mode with its own development database;
 * both send their mail to the app's SMTP sink. Not a test: run with {@code -Pbench}, see README "Benchmarks".
 */
@SpringBootTest(classes = AtriumApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // The run creates more workspaces, invitations and API calls than the production allowances.
        "atrium.rate-limits.workspaces-per-account-per-day=100000",
        "atrium.rate-limits.invitations-per-workspace-per-hour=1000000",
        "atrium.rate-limits.api-requests-per-key-per-minute=1000000",
        // A warm pool of spare schemas for every measured create (filled before them, see compareCreate); the refill
        // job runs at start only, not in the middle of the measurement.
        "atrium.tenants.spare-schemas=" + KeycloakComparisonBenchmark.SPARES,
        "atrium.tenants.spare-refill-interval=PT1H",
        "logging.level.dev.atrium=warn" })
@ActiveProfiles("e2e")
@Import({ MutableClock.class, TestDnsConfiguration.class })
@ExtendWith(StandInRequest.class)
class KeycloakComparisonBenchmark {

    static final int SPARES = 100;
    private static final int MEMBERS = 1_000;
    private static final int PAGE_OFFSET = 900;
    private static final int PAGE_SIZE = 50;
    private static final int INVITES = 1_000;
    private static final int CREATE_WARM_UP = Integer.getInteger("bench.create.warmUp", 10);
    private static final int CREATE_RUNS = Integer.getInteger("bench.create.runs", 30);
    private static final int PAGE_WARM_UP = Integer.getInteger("bench.page.warmUp", 50);
    private static final int PAGE_RUNS = Integer.getInteger("bench.page.runs", 200);
    private static final int INVITE_WARM_UP = Integer.getInteger("bench.invite.warmUpAddresses", 100);
    private static final int INVITE_ROUNDS = Integer.getInteger("bench.invite.rounds", 3);
    private static final Path KEYCLOAK_LOG = Path.of("target/keycloak.log");
    private static final Path REPORT = Path.of("target/bench/keycloak-comparison.txt");

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired WorkspaceService workspaces;
    @Autowired TenantBinder binder;
    @Autowired InvitationService invitations;
    @Autowired RoleService roles;
    @Autowired ApiKeyService apiKeys;
    @Autowired PlatformApiKeyService platformKeys;
    @Autowired GreenMail mailSink;
    @Autowired DSLContext platform;
    @Autowired TenantProvisioner provisioner;

    private final Http http = new Http();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Report report = new Report();

    @Test
    void atriumAgainstKeycloak() throws Exception {
        String home = System.getProperty("keycloak.home");
        if (home == null) {
            throw new IllegalStateException("keycloak.home is not set: run with -Pbench, which unpacks Keycloak and sets it");
        }
        try (Keycloak keycloak = Keycloak.start(http, Path.of(home), Path.of(System.getProperty("java.home")), KEYCLOAK_LOG)) {
            compare(keycloak);
        }
    }

    private void compare(Keycloak keycloak) {
        String realm = "bench-" + run;
        keycloak.signIn();
        keycloak.createRealm(realm, mailSink.getSmtp().getPort());

        Account owner = account("owner");
        TenantScope workspace = workspace(owner, "members");
        String api = "http://localhost:" + port + "/api/v1";
        String key = apiKeys.create(workspace, new ApiKeyDraft("Benchmark", roleId(workspace, "admin"), 90)).secret();
        UUID memberRole = roleId(workspace, "member");
        String organization = keycloak.organizationId(keycloak.createOrganization(realm, "members-" + run));

        report.header("Atrium REST API against Keycloak's admin REST API (loopback HTTP, one java.net.http client)", platform,
                ", %s in start-dev (dev database) on the same JDK", keycloak.version);
        report.line("  the same machine runs both servers, the client and the SMTP sink; times in ms; ratio = Atrium / Keycloak");
        report.rule();

        // 1. Create: Atrium's with a platform API key, as a SaaS backend creates a workspace for a customer.
        long[][] create = compareCreate(keycloak, realm, api, owner);
        section("1. Create a workspace (POST /api/v1/workspaces, platform key) / an organization (POST .../organizations)",
                CREATE_RUNS + " each after " + CREATE_WARM_UP + " warm-up", create[0], create[1]);

        // 2. Page at offset 900 of 1,000 members.
        for (int i = 1; i < MEMBERS; i++) {
            // The owner is the workspace's first member.
            if (i % PAGE_SIZE == 1) {
                join(workspace, memberRole, Math.min(PAGE_SIZE, MEMBERS - i), i);
            }
            keycloak.addMember(realm, organization, "member-" + i, "member-" + i + "-" + run + "@example.test");
        }
        keycloak.addMember(realm, organization, "member-" + MEMBERS, "member-" + MEMBERS + "-" + run + "@example.test");
        String cursor = cursorAt(api, key, PAGE_OFFSET);
        long[][] page = comparePage(keycloak, realm, organization, api, key, cursor);
        section("2. A page of 50 members at offset 900 of 1,000 (GET /api/v1/members?cursor= / GET .../members?first=900&max=50)",
                PAGE_RUNS + " each after " + PAGE_WARM_UP + " warm-up", page[0], page[1]);

        // 3. Invite 1,000 addresses: Atrium takes up to 50 per request, Keycloak one.
        long[][] invite = compareInvite(keycloak, realm, organization, api, key, memberRole);
        section("3. Invite 1,000 addresses (POST /api/v1/invitations, 20 x 50 / POST .../members/invite-user, 1,000 x 1)",
                INVITE_ROUNDS + " rounds each after " + INVITE_WARM_UP + " warm-up addresses", invite[0], invite[1]);
        report.line("  Atrium's e-mails leave through the outbox after commit, Keycloak's before it answers; until all of");
        report.line("  Atrium's 1,000 were in the SMTP sink: median %.1f ms (ratio to Keycloak %.2f)", ms(median(invite[2])),
                ratio(median(invite[2]), median(invite[1])));
        report.rule();
        report.line("Goal: at most 0.5x Keycloak on paging and inviting.");
        report.line("  paging %.2fx, inviting %.2fx", ratio(median(page[0]), median(page[1])), ratio(median(invite[0]), median(invite[1])));
        report.print(REPORT);
    }

    private long[][] compareCreate(Keycloak keycloak, String realm, String api, Account owner) {
        String platformKey = SignedIn.asOperator(owner, () -> platformKeys.create("Benchmark", 1)).secret();
        provisioner.refillSpares();
        int spares = platform.fetchCount(SPARE_SCHEMA);
        if (spares < CREATE_WARM_UP + CREATE_RUNS) {
            throw new IllegalStateException("Only " + spares + " spare schemas for " + (CREATE_WARM_UP + CREATE_RUNS) + " creates");
        }
        report.line("  Atrium's creates each claim a spare schema: %d spares pooled before them (atrium.tenants.spare-schemas=%d)",
                spares, SPARES);
        IntFunction<Long> atrium = i -> time(() -> http.postJson(api + "/workspaces", platformKey, Map.of("name", "Bench " + i, "slug",
                "bench-" + run + "-" + (i < 0 ? "w" + -i : i), "ownerEmail", owner.email())).expect(201));
        IntFunction<Long> keycloakSide = i -> time(() -> keycloak.createOrganization(realm, "bench-" + run + "-" + i).expect(201));
        return new long[][] { measure(atrium, CREATE_WARM_UP, CREATE_RUNS), measure(keycloakSide, CREATE_WARM_UP, CREATE_RUNS) };
    }

    private long[][] comparePage(Keycloak keycloak, String realm, String organization, String api, String key, String cursor) {
        String url = api + "/members?limit=" + PAGE_SIZE + "&cursor=" + cursor;
        IntFunction<Long> atrium = i -> time(() -> assertThat(http.get(url, key).expect(200).json().get("items").size()).isEqualTo(PAGE_SIZE));
        IntFunction<Long> keycloakSide = i -> time(() -> assertThat(keycloak.members(realm, organization, PAGE_OFFSET, PAGE_SIZE)
                .expect(200).json().size()).isEqualTo(PAGE_SIZE));
        return new long[][] { measure(atrium, PAGE_WARM_UP, PAGE_RUNS), measure(keycloakSide, PAGE_WARM_UP, PAGE_RUNS) };
    }

    /** Per round: Atrium's requests, Keycloak's requests, and Atrium until its mails were delivered. */
    private long[][] compareInvite(Keycloak keycloak, String realm, String organization, String api, String key, UUID role) {
        inviteAtrium(api, key, role, addresses("warm-a", INVITE_WARM_UP));
        inviteKeycloak(keycloak, realm, organization, addresses("warm-k", INVITE_WARM_UP));
        long[] atrium = new long[INVITE_ROUNDS];
        long[] keycloakSide = new long[INVITE_ROUNDS];
        long[] delivered = new long[INVITE_ROUNDS];
        for (int round = 0; round < INVITE_ROUNDS; round++) {
            List<String> atriumAddresses = addresses("a" + round, INVITES);
            int mailsBefore = mailSink.getReceivedMessages().length;
            long start = System.nanoTime();
            inviteAtrium(api, key, role, atriumAddresses);
            atrium[round] = System.nanoTime() - start;
            if (!mailSink.waitForIncomingEmail(120_000, mailsBefore + INVITES)) {
                throw new IllegalStateException("Atrium's invitation mails did not all arrive within 2 minutes");
            }
            delivered[round] = System.nanoTime() - start;
            List<String> keycloakAddresses = addresses("k" + round, INVITES);
            keycloakSide[round] = time(() -> inviteKeycloak(keycloak, realm, organization, keycloakAddresses));
        }
        return new long[][] { atrium, keycloakSide, delivered };
    }

    private void inviteAtrium(String api, String key, UUID role, List<String> addresses) {
        for (int from = 0; from < addresses.size(); from += InvitationService.MAX_ADDRESSES_PER_REQUEST) {
            List<String> batch = addresses.subList(from, Math.min(addresses.size(), from + InvitationService.MAX_ADDRESSES_PER_REQUEST));
            JsonNode invited = http.postJson(api + "/invitations", key, Map.of("emails", batch, "roleId", role.toString()))
                    .expect(201).json().get("invited");
            assertThat(invited.size()).isEqualTo(batch.size());
        }
    }

    private static void inviteKeycloak(Keycloak keycloak, String realm, String organization, List<String> addresses) {
        addresses.forEach(address -> keycloak.invite(realm, organization, address).expect(204));
    }

    /** Runs the warm-up calls, then the timed calls; the timed calls' durations. */
    private static long[] measure(IntFunction<Long> timed, int warmUp, int runs) {
        for (int i = 0; i < warmUp; i++) {
            timed.apply(-1 - i);
        }
        long[] samples = new long[runs];
        for (int i = 0; i < runs; i++) {
            samples[i] = timed.apply(i);
        }
        return samples;
    }

    private static long time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    private void section(String title, String runs, long[] atrium, long[] keycloak) {
        report.line("%s", title);
        report.line("  %s", runs);
        report.line("  %-10s %10s %10s %10s %10s", "", "median", "p90", "p99", "max");
        row("Atrium", atrium);
        row("Keycloak", keycloak);
        report.line("  %-10s %10.2f %10.2f %10.2f %10.2f", "ratio", ratio(median(atrium), median(keycloak)), ratio(p90(atrium), p90(keycloak)),
                ratio(percentile(atrium, 0.99), percentile(keycloak, 0.99)), ratio(max(atrium), max(keycloak)));
        report.rule();
    }

    private void row(String name, long[] samples) {
        report.line("  %-10s %10.2f %10.2f %10.2f %10.2f", name, ms(median(samples)), ms(p90(samples)), ms(percentile(samples, 0.99)),
                ms(max(samples)));
    }

    /** The cursor of the page that starts at the position, walked to through the API as a client would. */
    private String cursorAt(String api, String key, int position) {
        String cursor = null;
        for (int at = 0; at < position; at += PAGE_SIZE) {
            JsonNode page = http.get(api + "/members?limit=" + PAGE_SIZE + (cursor == null ? "" : "&cursor=" + cursor), key).expect(200).json();
            cursor = page.get("nextCursor").asString();
        }
        return cursor;
    }

    /** Accounts that join the workspace by invitation, as the members grid's people do. */
    private void join(TenantScope workspace, UUID role, int count, int first) {
        List<String> emails = addresses("member" + first, count);
        InviteOutcome outcome = invitations.invite(workspace, String.join("\n", emails), role, Locale.ENGLISH);
        assertThat(outcome.invited()).hasSize(count);
        for (InviteOutcome.Sent sent : outcome.invited()) {
            Account person = accounts.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(), sent.email(), true,
                    "Member " + sent.email().substring(0, sent.email().indexOf('@'))));
            invitations.accept(sent.link().substring(sent.link().lastIndexOf('/') + 1), person.id());
        }
    }

    private List<String> addresses(String prefix, int count) {
        List<String> addresses = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            addresses.add(prefix + "-" + i + "-" + run + "@example.test");
        }
        return addresses;
    }

    private Account account(String name) {
        return accounts.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(), name + "-" + run + "@example.test", true, name));
    }

    private TenantScope workspace(Account owner, String name) {
        String slug = name + "-" + run;
        workspaces.create(owner.id(), name, slug);
        return binder.bind(owner.id(), slug);
    }

    private UUID roleId(TenantScope scope, String key) {
        return roles.roles(scope).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().id();
    }
}
