package dev.atrium.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

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
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.app.AtriumApplication;
import dev.atrium.e2e.SignedIn;
import dev.atrium.e2e.StandInRequest;
import io.gatling.app.Gatling$;
import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.LogFileData;
import io.gatling.charts.stats.LogFileReader;
import io.gatling.commons.stats.KO$;
import io.gatling.core.config.GatlingConfiguration$;
import io.gatling.shared.cli.GatlingCliOptions;
import scala.Option;

/**
 * Load on the REST API with Gatling ({@link ApiLoadSimulation}), Atrium and then Keycloak's admin API in one run: many
 * virtual users paging and filtering members, inviting and changing roles across many workspaces (organizations). The
 * set-up makes the workspaces through the API with a platform key and their members through the services (not
 * measured), the same number of organizations and members in Keycloak, and warms both up with the same calls. The
 * report gives each operation's throughput, p50/p95/p99 and errors, per side, and the ratios; Gatling's own HTML report
 * is kept under {@code target/gatling}. Not a test: run with {@code -Pbench}, see README "Benchmarks".
 */
@SpringBootTest(classes = AtriumApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // The run makes far more API calls and invitations than the production allowances.
        "atrium.rate-limits.invitations-per-workspace-per-hour=1000000",
        "atrium.rate-limits.api-requests-per-key-per-minute=1000000",
        // The invitation mails go to the SMTP sink as the run goes; the embedded database keeps more connections busy.
        "spring.datasource.hikari.maximum-pool-size=20",
        "logging.level.dev.atrium=warn" })
@ActiveProfiles("e2e")
@Import({ MutableClock.class, TestDnsConfiguration.class })
@ExtendWith(StandInRequest.class)
class ApiLoadBenchmark {

    private static final int WORKSPACES = Integer.getInteger("bench.load.workspaces", 20);
    private static final int MEMBERS = Integer.getInteger("bench.load.members", 25);
    private static final int USERS = Integer.getInteger(ApiLoadSimulation.USERS, 16);
    private static final int SECONDS = Integer.getInteger(ApiLoadSimulation.SECONDS, 30);
    private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.load.warmUp", 40);
    private static final Path KEYCLOAK_LOG = Path.of("target/keycloak-load.log");
    private static final Path FIXTURES = Path.of("target/bench/load-fixtures.json");
    private static final Path GATLING_RESULTS = Path.of("target/gatling");
    private static final Path REPORT = Path.of("target/bench/api-load.txt");

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired TenantBinder binder;
    @Autowired InvitationService invitations;
    @Autowired RoleService roles;
    @Autowired ApiKeyService apiKeys;
    @Autowired PlatformApiKeyService platformKeys;
    @Autowired GreenMail mailSink;
    @Autowired DSLContext platform;

    private final Http http = new Http();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void atriumAgainstKeycloakUnderLoad() throws Exception {
        String home = System.getProperty("keycloak.home");
        if (home == null) {
            throw new IllegalStateException("keycloak.home is not set: run with -Pbench, which unpacks Keycloak and sets it");
        }
        try (Keycloak keycloak = Keycloak.start(http, Path.of(home), Path.of(System.getProperty("java.home")), KEYCLOAK_LOG)) {
            LoadFixtures fixtures = setUp(keycloak);
            fixtures.write(FIXTURES);
            warmUp(fixtures);
            Path results = gatling();
            report(keycloak, fixtures, stats(results), results);
        }
    }

    private LoadFixtures setUp(Keycloak keycloak) {
        String realm = "load-" + run;
        keycloak.signIn();
        keycloak.createRealm(realm, mailSink.getSmtp().getPort());
        List<LoadFixtures.RealmRole> realmRoles = Stream.of("load-member", "load-guest")
                .map(name -> keycloak.createRealmRole(realm, name)).map(role -> new LoadFixtures.RealmRole(role.get("id"), role.get("name")))
                .toList();

        Account owner = account("owner");
        String platformKey = SignedIn.asOperator(owner, () -> platformKeys.create("Load test", 1)).secret();
        String api = "http://localhost:" + port + "/api/v1";
        List<LoadFixtures.Workspace> workspaces = new ArrayList<>();
        List<LoadFixtures.Organization> organizations = new ArrayList<>();
        for (int w = 0; w < WORKSPACES; w++) {
            String slug = http.postJson(api + "/workspaces", platformKey, Map.of("name", "Load " + w, "slug", "load-" + run + "-" + w,
                    "ownerEmail", owner.email())).expect(201).json().get("slug").asString();
            TenantScope scope = binder.bind(owner.id(), slug);
            UUID memberRole = roleId(scope, "member");
            List<String> members = join(scope, memberRole, w);
            String key = apiKeys.create(scope, new ApiKeyDraft("Load test", roleId(scope, "admin"), 1)).secret();
            workspaces.add(new LoadFixtures.Workspace(key, memberRole.toString(), roleId(scope, "guest").toString(), members));

            String organization = keycloak.organizationId(keycloak.createOrganization(realm, "load-" + w + "-" + run));
            List<String> users = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                String username = surname(i) + "-" + w + "-" + i + "-" + run;
                users.add(keycloak.addMember(realm, organization, username, username + "@example.test"));
            }
            organizations.add(new LoadFixtures.Organization(organization, users));
        }
        return new LoadFixtures("http://localhost:" + port, workspaces, keycloak.baseUrl, keycloak.token(), realm, organizations,
                realmRoles);
    }

    /** The mix's calls on both sides, a few dozen times each, before anything is measured. */
    private void warmUp(LoadFixtures fixtures) {
        LoadFixtures.Workspace workspace = fixtures.workspaces().getFirst();
        LoadFixtures.Organization organization = fixtures.organizations().getFirst();
        String api = fixtures.atriumUrl() + "/api/v1";
        String admin = fixtures.keycloakUrl() + "/admin/realms/" + fixtures.realm();
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            String member = workspace.members().get(i % workspace.members().size());
            http.get(api + "/members?limit=50", workspace.key()).expect(200);
            http.get(api + "/members?q=smith&limit=50", workspace.key()).expect(200);
            http.postJson(api + "/invitations", workspace.key(), Map.of("emails", List.of("warm-" + i + "-" + run + "@example.test"), "roleId",
                    workspace.memberRole())).expect(201);
            http.patchJson(api + "/members/" + member, workspace.key(), Map.of("roleId", i % 2 == 0 ? workspace.guestRole() : workspace.memberRole()))
                    .expect(200);
            String user = organization.members().get(i % organization.members().size());
            LoadFixtures.RealmRole role = fixtures.realmRoles().get(i % 2);
            http.get(admin + "/organizations/" + organization.id() + "/members?first=0&max=50", fixtures.keycloakToken()).expect(200);
            http.get(admin + "/organizations/" + organization.id() + "/members?search=smith&first=0&max=50", fixtures.keycloakToken()).expect(200);
            http.postForm(admin + "/organizations/" + organization.id() + "/members/invite-user", fixtures.keycloakToken(),
                    Map.of("email", "warm-k-" + i + "-" + run + "@example.test", "firstName", "Invited", "lastName", "Warm")).expect(204);
            http.postJson(admin + "/users/" + user + "/role-mappings/realm", fixtures.keycloakToken(),
                    List.of(Map.of("id", role.id(), "name", role.name()))).expect(204);
        }
    }

    /** Runs the simulation in this JVM; the folder of its results. */
    private Path gatling() throws IOException {
        System.setProperty(ApiLoadSimulation.FIXTURES, FIXTURES.toAbsolutePath().toString());
        System.setProperty(ApiLoadSimulation.USERS, Integer.toString(USERS));
        System.setProperty(ApiLoadSimulation.SECONDS, Integer.toString(SECONDS));
        // Gatling's anonymous usage analytics: nothing leaves this machine.
        System.setProperty("gatling.data.enableAnalytics", "false");
        Files.createDirectories(GATLING_RESULTS);
        int status = Gatling$.MODULE$.fromArgs(new String[] { GatlingCliOptions.Simulation.shortOption(), ApiLoadSimulation.class.getName(),
                GatlingCliOptions.ResultsFolder.shortOption(), GATLING_RESULTS.toAbsolutePath().toString(),
                GatlingCliOptions.RunDescription.shortOption(), "Atrium against Keycloak " + run });
        if (status != 0) {
            throw new IllegalStateException("Gatling ended with status " + status);
        }
        try (Stream<Path> runs = Files.list(GATLING_RESULTS)) {
            return runs.filter(Files::isDirectory).max(Comparator.comparing(ApiLoadBenchmark::modified))
                    .orElseThrow(() -> new IllegalStateException("Gatling wrote no results under " + GATLING_RESULTS));
        }
    }

    /** One operation's statistics on one side, as Gatling's own reader computes them from the run's log. */
    private record OperationStats(long requests, long errors, double p50, double p95, double p99) {

        static OperationStats of(LogFileData run, String request) {
            GeneralStats all = run.requestGeneralStats(Option.apply(request), Option.empty(), Option.empty())
                    .getOrElse(() -> { throw new IllegalStateException("Gatling recorded no request named " + request); });
            long errors = run.requestGeneralStats(Option.apply(request), Option.empty(), Option.apply(KO$.MODULE$))
                    .map(GeneralStats::count).getOrElse(() -> 0L);
            return new OperationStats(all.count(), errors, percentile(all, 50), percentile(all, 95), percentile(all, 99));
        }

        private static double percentile(GeneralStats stats, double rank) {
            return ((Number) stats.percentile().apply(rank)).doubleValue();
        }
    }

    /** Reads the run's log with Gatling's reader (3.14 writes its statistics into the HTML report only). */
    private static LogFileData stats(Path results) {
        return LogFileReader.apply(results.getFileName().toString(), results.getParent(), GatlingConfiguration$.MODULE$.load()).read();
    }

    private void report(Keycloak keycloak, LoadFixtures fixtures, LogFileData stats, Path results) {
        Report report = new Report();
        report.header("REST API under load: Atrium against Keycloak's admin API (Gatling " + gatlingVersion() + ", loopback HTTP)", platform,
                ", %s in start-dev (dev database) on the same JDK", keycloak.version);
        report.line("  %d workspaces / organizations of %d members; %d virtual users, each repeating the mix for %d s per side",
                fixtures.workspaces().size(), MEMBERS, USERS, SECONDS);
        report.line("  (closed model: Atrium first, then Keycloak); mix per round: members page (50), filter \"smith\", invite one");
        report.line("  address, role change. Keycloak's role change maps a realm role (its organizations have no roles).");
        report.line("  the same machine runs both servers, Gatling and the SMTP sink; times in ms; ratio = Atrium / Keycloak");
        report.rule();
        report.line("  %-16s %-9s %8s %7s %8s %8s %8s %8s", "operation", "side", "requests", "errors", "req/s", "p50", "p95", "p99");
        long[] totals = new long[4];
        for (String operation : ApiLoadSimulation.OPERATIONS) {
            OperationStats atrium = OperationStats.of(stats, "Atrium " + operation);
            OperationStats other = OperationStats.of(stats, "Keycloak " + operation);
            row(report, operation, "Atrium", atrium);
            row(report, "", "Keycloak", other);
            report.line("  %-16s %-9s %8s %7s %8.2f %8.2f %8.2f %8.2f", "", "ratio", "", "", atrium.requests() / (double) other.requests(),
                    atrium.p50() / other.p50(), atrium.p95() / other.p95(), atrium.p99() / other.p99());
            totals[0] += atrium.requests();
            totals[1] += atrium.errors();
            totals[2] += other.requests();
            totals[3] += other.errors();
        }
        report.rule();
        report.line("  sustained throughput: Atrium %.1f requests/s (%d errors), Keycloak %.1f requests/s (%d errors), ratio %.2f",
                totals[0] / (double) SECONDS, totals[1], totals[2] / (double) SECONDS, totals[3], totals[0] / (double) totals[2]);
        report.line("  Gatling's report: %s", results.resolve("index.html"));
        report.print(REPORT);
        assertThat(totals[1]).as("Atrium's errors under load").isZero();
    }

    private static void row(Report report, String operation, String side, OperationStats stats) {
        report.line("  %-16s %-9s %8d %7d %8.1f %8.1f %8.1f %8.1f", operation, side, stats.requests(), stats.errors(),
                stats.requests() / (double) SECONDS, stats.p50(), stats.p95(), stats.p99());
    }

    private static String gatlingVersion() {
        return String.valueOf(io.gatling.javaapi.core.Simulation.class.getPackage().getImplementationVersion());
    }

    /** Accounts that join the workspace by invitation; one in five is a Smith, whom the filter finds. */
    private List<String> join(TenantScope workspace, UUID role, int w) {
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            emails.add(surname(i) + "-" + w + "-" + i + "-" + run + "@example.test");
        }
        InviteOutcome outcome = invitations.invite(workspace, String.join("\n", emails), role, Locale.ENGLISH);
        assertThat(outcome.invited()).hasSize(MEMBERS);
        List<String> members = new ArrayList<>();
        for (InviteOutcome.Sent sent : outcome.invited()) {
            String local = sent.email().substring(0, sent.email().indexOf('@'));
            Account person = accounts.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(), sent.email(), true,
                    "Member " + local.substring(local.indexOf('-') + 1) + " " + Character.toUpperCase(local.charAt(0)) + local.substring(1, local.indexOf('-'))));
            invitations.accept(sent.link().substring(sent.link().lastIndexOf('/') + 1), person.id());
            members.add(person.id().toString());
        }
        return members;
    }

    private static String surname(int i) {
        return i % 5 == 0 ? "smith" : "jones";
    }

    private Account account(String name) {
        return accounts.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(), name + "-" + run + "@example.test", true, name));
    }

    private UUID roleId(TenantScope scope, String key) {
        return roles.roles(scope).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().id();
    }

    private static java.nio.file.attribute.FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
