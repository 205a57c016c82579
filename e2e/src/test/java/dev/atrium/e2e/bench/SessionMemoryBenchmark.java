package dev.atrium.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.bench.Report;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.e2e.AtriumE2ETest;
import dev.atrium.e2e.StandInRequest;

/**
 * Live heap per signed-in UI session: 40 browser contexts, each a different member of one 60-member workspace signed in
 * through the local OpenID Connect provider (in a JVM of its own, {@link ProviderProcess}) and showing the workspace's
 * members page. The live heap after a full collection is measured before and after they open, and the growth divided
 * by 40; a class histogram says where the bytes went. Before the first measurement, 40 members of another workspace of
 * the same size sign in and out again, so that the server's pools (request threads, connections' buffers) have grown
 * to this load in both measurements; and two members of the measured workspace sign in, so that classes, caches and
 * the first page's resources are loaded in both. The browsers run in a child JVM ({@link SessionOpener}), so that Playwright's own
 * objects are not counted. Not a test: run with {@code -Pbench}, see README "Benchmarks". Report:
 * {@code e2e/target/bench/session-memory.txt}.
 */
@AtriumE2ETest
@ExtendWith(StandInRequest.class)
class SessionMemoryBenchmark {

    private static final int SESSIONS = Integer.getInteger("bench.sessions", 40);
    private static final int WARM_UP = 2;
    private static final int MEMBERS = 60;
    private static final int TOP_CLASSES = 30;
    private static final Path REPORT = Path.of(System.getProperty("bench.report", "target/bench/session-memory.txt"));
    private static final Path OPENER_LOG = REPORT.resolveSibling(REPORT.getFileName().toString().replace(".txt", "") + "-browsers.log");
    /** The rough groups the issue named: Flow's state tree, strings and byte arrays, hash maps. */
    private static final Map<String, Predicate<String>> GROUPS = groups();

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired WorkspaceService workspaces;
    @Autowired TenantBinder binder;
    @Autowired InvitationService invitations;
    @Autowired RoleService roles;
    @Autowired DSLContext platform;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private static ProviderProcess identityProvider;

    @DynamicPropertySource
    static void identityProviderElsewhere(DynamicPropertyRegistry registry) throws IOException {
        Files.createDirectories(OPENER_LOG.getParent());
        identityProvider = ProviderProcess.start(REPORT.resolveSibling("session-memory-provider.log"));
        identityProvider.register(registry);
    }

    @AfterAll
    static void stopIdentityProvider() {
        identityProvider.close();
    }

    @Test
    void liveHeapPerSignedInSession() throws Exception {
        // The provider's issuer, so that the members made here are the accounts the browsers sign in to.
        String issuer = identityProvider.issuer();
        List<String> poolMembers = IntStream.range(0, SESSIONS).mapToObj(i -> "pool-" + i + "-" + run + "@example.test").toList();
        String poolPage = "/w/" + workspaceOf("pool", issuer, poolMembers) + "/members";
        List<String> browserMembers = IntStream.range(0, WARM_UP + SESSIONS).mapToObj(i -> "member-" + i + "-" + run + "@example.test").toList();
        String membersPage = "/w/" + workspaceOf("memory", issuer, browserMembers) + "/members";

        Process browsers = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SessionOpener.class.getName(), "http://localhost:" + port)
                .redirectError(OPENER_LOG.toFile()).start();
        try (PrintWriter commands = new PrintWriter(browsers.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader answers = new BufferedReader(new InputStreamReader(browsers.getInputStream(), StandardCharsets.UTF_8))) {
            open(commands, answers, poolPage, poolMembers);
            command(commands, answers, "SIGNOUT", "SIGNEDOUT " + poolMembers.size());
            open(commands, answers, membersPage, browserMembers.subList(0, WARM_UP));
            Path before = LiveHeap.measure(REPORT.resolveSibling("session-memory-heap-before.txt"));
            long start = System.nanoTime();
            open(commands, answers, membersPage, browserMembers.subList(WARM_UP, WARM_UP + SESSIONS));
            long openedIn = System.nanoTime() - start;
            Path after = LiveHeap.measure(REPORT.resolveSibling("session-memory-heap-after.txt"));
            report(LiveHeap.read(before), LiveHeap.read(after), openedIn);
            commands.println("QUIT");
        } finally {
            if (!browsers.waitFor(60, TimeUnit.SECONDS)) {
                browsers.destroyForcibly();
            }
        }
    }

    private void open(PrintWriter commands, BufferedReader answers, String path, List<String> emails) throws IOException {
        command(commands, answers, "OPEN " + path + " " + String.join(" ", emails), "OPENED " + emails.size());
    }

    private void command(PrintWriter commands, BufferedReader answers, String command, String expected) throws IOException {
        commands.println(command);
        String verb = expected.substring(0, expected.indexOf(' '));
        String answer;
        do {
            answer = answers.readLine();
        } while (answer != null && !answer.startsWith(verb) && !answer.startsWith("FAILED"));
        assertThat(answer).as("the browsers' answer (their log: %s)", OPENER_LOG.toAbsolutePath()).isEqualTo(expected);
    }

    /** A workspace of {@link #MEMBERS} members: an owner, members known only here, and the members the browsers sign in as. */
    private String workspaceOf(String name, String issuer, List<String> browserMembers) {
        Account owner = accounts.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(),
                "owner-" + name + "-" + run + "@example.test", true, "Owner " + run));
        String slug = name + "-" + run;
        workspaces.create(owner.id(), name + " " + run, slug);
        TenantScope workspace = binder.bind(owner.id(), slug);
        UUID member = roles.roles(workspace).stream().filter(r -> r.key().equals("member")).findFirst().orElseThrow().id();
        List<Account> people = new ArrayList<>();
        for (String email : browserMembers) {
            people.add(accounts.signIn(new OidcIdentity(issuer, email, email, true, "Member " + email.substring(0, email.indexOf('@')))));
        }
        for (int i = people.size() + 1; i < MEMBERS; i++) {
            people.add(accounts.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(),
                    "other-" + name + "-" + i + "-" + run + "@example.test", true, "Other " + i)));
        }
        for (int from = 0; from < people.size(); from += InvitationService.MAX_ADDRESSES_PER_REQUEST) {
            List<Account> batch = people.subList(from, Math.min(people.size(), from + InvitationService.MAX_ADDRESSES_PER_REQUEST));
            InviteOutcome outcome = invitations.invite(workspace, batch.stream().map(Account::email).collect(Collectors.joining("\n")),
                    member, Locale.ENGLISH);
            assertThat(outcome.invited()).hasSize(batch.size());
            for (InviteOutcome.Sent sent : outcome.invited()) {
                Account person = batch.stream().filter(p -> p.email().equals(sent.email())).findFirst().orElseThrow();
                invitations.accept(sent.link().substring(sent.link().lastIndexOf('/') + 1), person.id());
            }
        }
        return slug;
    }

    private void report(LiveHeap before, LiveHeap after, long openedIn) {
        Report report = new Report();
        report.header("Live heap per signed-in UI session (members page of a " + MEMBERS + "-member workspace)", platform,
                ", max heap %d MiB", Runtime.getRuntime().maxMemory() >> 20);
        report.line("  %d browser contexts, each a different member signed in through the local OpenID Connect provider,", SESSIONS);
        report.line("  showing /w/{slug}/members; live heap after a full GC (class histogram) before and after, divided by %d.",
                SESSIONS);
        report.line("  Before the first measurement: %d members of another %d-member workspace signed in and out (the server's pools",
                SESSIONS, MEMBERS);
        report.line("  grown to the load), then %d members of the measured one signed in (warm-up).", WARM_UP);
        report.line("  Browsers and identity provider in JVMs of their own.");
        report.rule();
        long grown = after.bytes() - before.bytes();
        report.line("Live heap (class histogram)   before %,12d B   after %,12d B   grown %,11d B", before.bytes(), after.bytes(), grown);
        report.line("Used heap after System.gc()   before %,12d B   after %,12d B   grown %,11d B", before.usedAfterGc(),
                after.usedAfterGc(), after.usedAfterGc() - before.usedAfterGc());
        report.line("Per session: %.1f KiB (class histogram), %.1f KiB (used heap); %d sessions opened in %.1f s", grown / 1024.0 / SESSIONS,
                (after.usedAfterGc() - before.usedAfterGc()) / 1024.0 / SESSIONS, SESSIONS, openedIn / 1e9);
        report.rule();
        List<Map.Entry<String, long[]>> growth = LiveHeap.growth(before, after);
        report.line("Per session, by group (KiB, instances):");
        GROUPS.forEach((name, classes) -> {
            long[] group = LiveHeap.growthOf(growth, classes);
            report.line("  %-52s %8.1f %8.1f", name, group[1] / 1024.0 / SESSIONS, (double) group[0] / SESSIONS);
        });
        report.line("Instances grown of: UI %d, VaadinSession %d, HTTP session %d",
                LiveHeap.growthOf(growth, "com.vaadin.flow.component.UI"::equals)[0],
                LiveHeap.growthOf(growth, name -> name.endsWith("VaadinSession"))[0],
                LiveHeap.growthOf(growth, "org.apache.catalina.session.StandardSession"::equals)[0]);
        // Per open connection, not per session: Chromium keeps its connections open, each with Tomcat's two buffers.
        report.line("Open connections grown: %d (Tomcat SocketBufferHandler: a read and a write buffer each, 8 KiB by default)",
                LiveHeap.growthOf(growth, "org.apache.tomcat.util.net.SocketBufferHandler"::equals)[0]);
        report.rule();
        report.line("Top %d classes by growth, per session:        KiB  instances   (total bytes grown)", TOP_CLASSES);
        growth.stream().limit(TOP_CLASSES).forEach(e -> report.line("  %-40s %8.2f %10.1f   (%,d)", abbreviate(e.getKey()),
                e.getValue()[1] / 1024.0 / SESSIONS, (double) e.getValue()[0] / SESSIONS, e.getValue()[1]));
        report.print(REPORT);
    }

    private static String abbreviate(String className) {
        return className.length() <= 40 ? className : "…" + className.substring(className.length() - 39);
    }

    private static Map<String, Predicate<String>> groups() {
        Map<String, Predicate<String>> groups = new LinkedHashMap<>();
        groups.put("Flow state tree (StateNode, nodefeature.*)", name -> name.equals("com.vaadin.flow.internal.StateNode")
                || name.startsWith("com.vaadin.flow.internal.nodefeature."));
        groups.put("Strings and byte arrays (String, byte[])", name -> name.equals("java.lang.String") || name.equals("[B"));
        groups.put("Hash maps (any *HashMap* class, incl. nodes/tables)", name -> name.contains("HashMap"));
        groups.put("Vaadin components (com.vaadin.flow.component.*)", name -> name.startsWith("com.vaadin.flow.component."));
        groups.put("Spring Security (org.springframework.security.*)", name -> name.startsWith("org.springframework.security."));
        groups.put("JSON (tools.jackson.*, elemental.json.*)", name -> name.startsWith("tools.jackson.") || name.startsWith("elemental.json."));
        groups.put("Atrium (dev.atrium.*)", name -> name.startsWith("dev.atrium."));
        groups.put("Identity provider (no.nav.*, com.nimbusds.*)", name -> name.startsWith("no.nav.") || name.startsWith("com.nimbusds."));
        return groups;
    }
}
