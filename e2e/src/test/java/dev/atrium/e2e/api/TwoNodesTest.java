package dev.atrium.e2e.api;

import static dev.atrium.db.jooq.tenant.Tables.API_IDEMPOTENCY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.zaxxer.hikari.HikariDataSource;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.apikey.ApiKeyDraft;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.CreatedApiKey;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.invitation.InvitationFilter;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.app.AtriumApplication;
import dev.atrium.e2e.StandInRequest;
import jakarta.mail.internet.MimeMessage;

/**
 * Two application nodes on one PostgreSQL, as behind a load balancer: node A starts the (embedded) database, node B
 * is pointed at it; both share the key directory and the clock, and send mail to one sink. A role change on one node
 * holds on the other within a second (NOTIFY), a revoked key is refused by the other node at once, and the API's rate
 * limit and idempotency keys hold across both — also for two retries taking over one stale claim at once.
 */
@ExtendWith(StandInRequest.class)
class TwoNodesTest {

    private static final MutableClock CLOCK = new MutableClock();

    @TempDir static Path directory;
    static ConfigurableApplicationContext nodeA;
    static ConfigurableApplicationContext nodeB;

    @BeforeAll
    static void startTwoNodes() {
        nodeA = node("--atrium.keys.directory=" + directory.resolve("keys"));
        // One node makes every missing keyset before the next starts: two nodes making one at once would each seal
        // with their own (README, Several nodes).
        Keyring keys = nodeA.getBean(Keyring.class);
        Arrays.stream(KeyPurpose.values()).forEach(keys::primaryKeyId);
        HikariDataSource database = (HikariDataSource) nodeA.getBean(DataSource.class);
        int smtpPort = nodeA.getBean(GreenMail.class).getSmtp().getPort();
        nodeB = node("--atrium.keys.directory=" + directory.resolve("keys"),
                "--spring.datasource.url=" + database.getJdbcUrl(), "--spring.datasource.username=" + database.getUsername(),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort);
    }

    private static ConfigurableApplicationContext node(String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--atrium.audit.checkpoints.directory=" + directory.resolve("checkpoints")));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(AtriumApplication.class).profiles("e2e")
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", CLOCK))
                .run(all.toArray(String[]::new));
    }

    @AfterAll
    static void stopBoth() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void aMemberDemotedOnNodeAIsRefusedOnNodeBWithinASecond() {
        TenantScope owner = newWorkspace("Anke");
        UUID mia = join(owner, "Mia", "admin");
        AccessControl accessOnB = nodeB.getBean(AccessControl.class);
        TenantScope miaOnB = nodeB.getBean(TenantBinder.class).bind(mia, owner.slug());
        // Node B has Mia's role cached now; its expiry alone would keep it for a minute.
        accessOnB.require(miaOnB, Permissions.API_KEYS_MANAGE);

        nodeA.getBean(MemberService.class).changeRole(owner, mia, roleId(owner, "member"));

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).untilAsserted(
                () -> assertThatThrownBy(() -> accessOnB.require(miaOnB, Permissions.API_KEYS_MANAGE))
                        .isInstanceOf(PermissionDeniedException.class));
    }

    @Test
    void aKeyRevokedOnNodeAIsRefusedByNodeBAtItsNextRequest() {
        TenantScope owner = newWorkspace("Rolf");
        CreatedApiKey created = apiKeys().create(owner, new ApiKeyDraft("Sync", roleId(owner, "admin"), 30));
        ApiClient onB = new ApiClient(port(nodeB), created.secret());
        assertThat(onB.get("/api/v1/members").status()).isEqualTo(200);

        apiKeys().revoke(owner, created.key().id());

        assertThat(onB.get("/api/v1/members").status()).isEqualTo(401);
    }

    /** The allowance is 40 requests a minute (application-e2e.properties); each node alone would allow 40. */
    @Test
    void aKeysRateLimitCountsItsRequestsOnBothNodes() {
        TenantScope owner = newWorkspace("Lene");
        String secret = apiKeys().create(owner, new ApiKeyDraft("Busy", roleId(owner, "member"), 30)).secret();
        List<ApiClient> nodes = List.of(new ApiClient(port(nodeA), secret), new ApiClient(port(nodeB), secret));

        int served = 0;
        int[] servedBy = new int[2];
        long start = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            ApiClient.Response response = nodes.get(i % 2).get("/api/v1/members");
            if (response.status() == 429) {
                break;
            }
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            served++;
            servedBy[i % 2]++;
        }

        // The bucket refills evenly, one request per 1.5 s: a slow run is granted that many more (each node alone: 80).
        long refilled = Duration.ofNanos(System.nanoTime() - start).toMillis() / 1500;
        assertThat(served).isBetween(40, 41 + (int) refilled);
        assertThat(servedBy[0]).as("served by node A").isGreaterThanOrEqualTo(20);
        assertThat(servedBy[1]).as("served by node B").isGreaterThanOrEqualTo(20);
    }

    @Test
    void oneRetryToEachNodeAtTheSameMomentInvitesOnceAndSendsOneMail() throws Exception {
        TenantScope owner = newWorkspace("Ivo");
        String secret = apiKeys().create(owner, new ApiKeyDraft("Retrier", roleId(owner, "admin"), 30)).secret();
        for (int round = 0; round < 5; round++) {
            String email = uniqueEmail("twice");
            String body = inviteBody(owner, email);
            List<ApiClient.Response> responses = together(secret, UUID.randomUUID().toString(), body);

            assertThat(responses).extracting(ApiClient.Response::status).as("round %d: %s", round, bodies(responses)).contains(201)
                    .allMatch(status -> status == 201 || status == 409);
            assertOneInvitationAndOneMail(owner, email);
        }
    }

    /**
     * A node stopped mid-request and left its claim without a response; after the lease, the client's retries reach
     * both nodes at once. One statement decides, so exactly one takes the claim over and invites.
     */
    @Test
    void twoRetriesTakingOverOneStaleClaimOnTwoNodesInviteOnce() throws Exception {
        TenantScope owner = newWorkspace("Stan");
        CreatedApiKey created = apiKeys().create(owner, new ApiKeyDraft("Crashy", roleId(owner, "admin"), 30));
        Duration lease = nodeA.getBean(AtriumProperties.class).api().idempotencyLease();
        for (int round = 0; round < 5; round++) {
            String email = uniqueEmail("stale");
            String body = inviteBody(owner, email);
            String idempotencyKey = UUID.randomUUID().toString();
            nodeA.getBean(TenantDsl.class).of(owner).insertInto(API_IDEMPOTENCY)
                    .set(API_IDEMPOTENCY.KEY_ID, created.key().id())
                    .set(API_IDEMPOTENCY.IDEMPOTENCY_KEY, idempotencyKey)
                    .set(API_IDEMPOTENCY.FINGERPRINT, fingerprint("POST", "/api/v1/invitations", body))
                    .set(API_IDEMPOTENCY.CREATED_AT, OffsetDateTime.now(CLOCK))
                    .execute();
            ApiClient onA = new ApiClient(port(nodeA), created.secret());
            assertThat(onA.post("/api/v1/invitations", body, "Idempotency-Key", idempotencyKey).status())
                    .as("within the lease the claim is still being served").isEqualTo(409);
            CLOCK.advance(lease.plusSeconds(1));

            List<ApiClient.Response> responses = together(created.secret(), idempotencyKey, body);

            assertThat(responses).extracting(ApiClient.Response::status).as("round %d: %s", round, bodies(responses)).contains(201)
                    .allMatch(status -> status == 201 || status == 409);
            assertOneInvitationAndOneMail(owner, email);
        }
    }

    /** The same POST with one Idempotency-Key, one to each node, released together. */
    private static List<ApiClient.Response> together(String secret, String idempotencyKey, String body) throws Exception {
        List<ApiClient> nodes = List.of(new ApiClient(port(nodeA), secret), new ApiClient(port(nodeB), secret));
        CyclicBarrier start = new CyclicBarrier(nodes.size());
        ExecutorService threads = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<ApiClient.Response>> sent = new ArrayList<>();
            for (ApiClient node : nodes) {
                sent.add(threads.submit(() -> {
                    start.await();
                    return node.post("/api/v1/invitations", body, "Idempotency-Key", idempotencyKey);
                }));
            }
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> response : sent) {
                responses.add(response.get());
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<String> bodies(List<ApiClient.Response> responses) {
        return responses.stream().map(ApiClient.Response::body).toList();
    }

    private void assertOneInvitationAndOneMail(TenantScope owner, String email) {
        assertThat(nodeA.getBean(InvitationService.class).page(owner, new InvitationFilter(email, null), new PageRequest(0, 10, List.of())))
                .singleElement().satisfies(invitation -> assertThat(invitation.sendCount()).isEqualTo(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesTo(email).length > 0);
        assertThat(messagesTo(email)).hasSize(1);
    }

    private String inviteBody(TenantScope owner, String email) {
        return "{\"emails\":[\"" + email + "\"],\"roleId\":\"" + roleId(owner, "member") + "\"}";
    }

    /** As the API's idempotency filter fingerprints a request: method, path, query and body. */
    private static byte[] fingerprint(String method, String path, String body) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update((method + "\n" + path + "\n\n").getBytes(StandardCharsets.UTF_8));
        return digest.digest(body.getBytes(StandardCharsets.UTF_8));
    }

    private static int port(ConfigurableApplicationContext node) {
        return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static ApiKeyService apiKeys() {
        return nodeA.getBean(ApiKeyService.class);
    }

    private TenantScope newWorkspace(String ownerName) {
        Account owner = account(ownerName);
        String slug = "nodes-" + UUID.randomUUID().toString().substring(0, 8);
        nodeA.getBean(WorkspaceService.class).create(owner.id(), ownerName + "'s team", slug);
        return nodeA.getBean(TenantBinder.class).bind(owner.id(), slug);
    }

    private UUID join(TenantScope owner, String name, String roleKey) {
        Account person = account(name);
        InvitationService invitations = nodeA.getBean(InvitationService.class);
        String link = invitations.invite(owner, person.email(), roleId(owner, roleKey), Locale.ENGLISH).invited().getFirst().link();
        invitations.accept(link.substring(link.lastIndexOf('/') + 1), person.id());
        return person.id();
    }

    private static Account account(String name) {
        return nodeA.getBean(AccountService.class).signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(),
                uniqueEmail(name.toLowerCase(Locale.ROOT)), true, name));
    }

    private static UUID roleId(TenantScope scope, String key) {
        return nodeA.getBean(RoleService.class).roles(scope).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().id();
    }

    private static String uniqueEmail(String person) {
        return person + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    private static MimeMessage[] messagesTo(String address) {
        return Arrays.stream(nodeA.getBean(GreenMail.class).getReceivedMessages()).filter(m -> {
            try {
                return GreenMailUtil.getAddressList(m.getAllRecipients()).equalsIgnoreCase(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
    }
}
