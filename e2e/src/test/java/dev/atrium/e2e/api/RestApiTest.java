package dev.atrium.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.apikey.ApiKeyDraft;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.CreatedApiKey;
import dev.atrium.admin.invitation.InvitationFilter;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InvitationStatus;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.e2e.AtriumE2ETest;
import dev.atrium.e2e.StandInRequest;
import jakarta.mail.internet.MimeMessage;

/**
 * The REST API over real HTTP on the running application, with keys made by the service the API keys page uses:
 * every resource, a key that tries another workspace, revoked, expired and demoted keys, idempotent retries and the
 * per-key rate limit.
 */
@AtriumE2ETest
@ExtendWith(StandInRequest.class)
class RestApiTest {

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired WorkspaceService workspaces;
    @Autowired TenantBinder binder;
    @Autowired InvitationService invitations;
    @Autowired RoleService roles;
    @Autowired MemberService members;
    @Autowired ApiKeyService apiKeys;
    @Autowired MutableClock clock;
    @Autowired GreenMail mailSink;

    @Test
    void withoutAValidKeyEveryCallIsA401ProblemAndNeverARedirect() {
        TenantScope owner = newWorkspace("Nils");
        String secret = key(owner, "Valid", "admin");
        String typo = secret.substring(0, 20) + (secret.charAt(20) == 'a' ? 'b' : 'a') + secret.substring(21);

        for (ApiClient client : List.of(new ApiClient(port, null), new ApiClient(port, "atrium_nonsense"), new ApiClient(port, typo))) {
            for (ApiClient.Response response : List.of(client.get("/api/v1/members"), client.post("/api/v1/roles", Map.of("name", "X")))) {
                assertThat(response.status()).isEqualTo(401);
                assertThat(response.header("Content-Type")).startsWith("application/problem+json");
                assertThat(response.json()).containsEntry("status", 401).containsEntry("code", "api.unauthenticated");
                assertThat(response.header("Set-Cookie")).isNull();
            }
        }
        assertThat(new ApiClient(port, secret).get("/api/v1/members").status()).isEqualTo(200);
    }

    /**
     * Keyset cursors over HTTP: walking the members in pages of three, in several sort orders, while between pages a
     * member already listed is removed and a new one joins (sorting first by name, last by joined). An offset cursor
     * would repeat or skip one member per change; a keyset cursor lists everyone who was there throughout exactly once.
     */
    @Test
    void walkingMemberPagesWhileMembersComeAndGoNeverRepeatsNorSkipsThoseWhoStayed() {
        TenantScope owner = newWorkspace("Walt Walker");
        for (int i = 0; i < 12; i++) {
            join(owner, "Kim-" + (char) ('a' + i % 4), i % 3 == 0 ? "guest" : "member");
        }
        int arrivals = 0;
        for (String sort : List.of("name", "-name", "email", "-joined", "role,-name", "lastActive")) {
            // A key per walk: the six walks together would pass the per-key limit of the e2e profile (40 a minute).
            ApiClient api = new ApiClient(port, key(owner, "Walker " + sort, "admin"));
            Set<String> stayed = new HashSet<>(api.get("/api/v1/members?limit=100").items().stream()
                    .map(m -> (String) m.get("accountId")).toList());
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                ApiClient.Response page = api.get("/api/v1/members?limit=3&sort=" + sort + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(page.status()).isEqualTo(200);
                page.items().forEach(m -> seen.add((String) m.get("accountId")));
                cursor = (String) page.json().get("nextCursor");
                String leaving = (String) page.items().getFirst().get("accountId");
                if (!leaving.equals(owner.accountId().toString())) {
                    assertThat(api.delete("/api/v1/members/" + leaving).status()).isEqualTo(204);
                    stayed.remove(leaving);
                }
                join(owner, "Aaron-" + arrivals++, "member");
            } while (cursor != null);
            assertThat(seen).as(sort).doesNotHaveDuplicates().containsAll(stayed);
        }
    }

    @Test
    void aCursorIsRefusedWithAnotherSortOrFilterAndWhenTamperedWith() {
        TenantScope owner = newWorkspace("Cora Cursor");
        join(owner, "Bea", "member");
        join(owner, "Cai", "member");
        ApiClient api = new ApiClient(port, key(owner, "Cursor", "admin"));
        String cursor = (String) api.get("/api/v1/members?sort=name&limit=1").json().get("nextCursor");
        assertThat(api.get("/api/v1/members?sort=name&limit=1&cursor=" + cursor).status()).isEqualTo(200);

        for (String other : List.of("sort=email", "sort=-name", "sort=name&q=c", "sort=name&roleId=" + roleId(owner, "member"))) {
            ApiClient.Response refused = api.get("/api/v1/members?" + other + "&limit=1&cursor=" + cursor);
            assertThat(refused.status()).as(other).isEqualTo(422);
            assertThat(refused.json()).containsEntry("code", "api.cursor-mismatch");
        }
        String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(
                json.replaceFirst(",\"[0-9a-f-]{36}\"\\]$", ",\"not a uuid\"]").getBytes(StandardCharsets.UTF_8));
        assertThat(tampered).isNotEqualTo(cursor);
        ApiClient.Response refused = api.get("/api/v1/members?sort=name&limit=1&cursor=" + tampered);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json()).containsEntry("code", "api.invalid-parameter");
        String invitationsCursor = (String) api.get("/api/v1/invitations?limit=1").json().get("nextCursor");
        assertThat(invitationsCursor).isNotNull();
        assertThat(api.get("/api/v1/invitations?limit=1&cursor=" + invitationsCursor).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/invitations?limit=1&status=PENDING&cursor=" + invitationsCursor).json())
                .containsEntry("code", "api.cursor-mismatch");
    }

    @Test
    void membersArePagedByCursorFilteredSortedChangedAndRemovedWithTheKeyAsTheAuditedActor() {
        TenantScope owner = newWorkspace("Abel");
        UUID bob = join(owner, "Bob", "member");
        join(owner, "Cid", "member");
        join(owner, "Dee", "member");
        ApiClient api = new ApiClient(port, key(owner, "Sync job", "admin"));

        ApiClient.Response first = api.get("/api/v1/members?sort=name&limit=2");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.items()).extracting(m -> m.get("name")).containsExactly("Abel", "Bob");
        String cursor = (String) first.json().get("nextCursor");
        ApiClient.Response second = api.get("/api/v1/members?sort=name&limit=2&cursor=" + cursor);
        assertThat(second.items()).extracting(m -> m.get("name")).containsExactly("Cid", "Dee");
        assertThat(second.json().get("nextCursor")).isNull();
        assertThat(api.get("/api/v1/members?sort=-name&limit=1").items()).extracting(m -> m.get("name")).containsExactly("Dee");
        assertThat(api.get("/api/v1/members?q=bob").items()).extracting(m -> m.get("accountId")).containsExactly(bob.toString());
        assertThat(api.get("/api/v1/members?sort=shoe-size").json()).containsEntry("code", "api.invalid-parameter");
        assertThat(api.get("/api/v1/members?cursor=garbage").status()).isEqualTo(422);

        assertThat(api.get("/api/v1/members/" + bob).json()).containsEntry("name", "Bob").containsEntry("roleName", "Member");
        ApiClient.Response changed = api.patch("/api/v1/members/" + bob, Map.of("roleId", roleId(owner, "guest").toString()));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json()).containsEntry("roleName", "Guest");
        assertThat(members.find(owner, bob).orElseThrow().roleName()).isEqualTo("Guest");

        assertThat(api.delete("/api/v1/members/" + bob).status()).isEqualTo(204);
        ApiClient.Response gone = api.get("/api/v1/members/" + bob);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json()).containsEntry("code", "api.not-found");

        List<Map<String, Object>> events = api.get("/api/v1/audit-events?action=member.").items();
        assertThat(events).filteredOn(e -> "member.role_changed".equals(e.get("action")) || "member.removed".equals(e.get("action")))
                .hasSize(2).allSatisfy(e -> {
                    assertThat(e).containsEntry("actorKind", "api_key").containsEntry("actorName", "Sync job");
                });
    }

    @Test
    void theCatalogListsEveryPermissionNamedInTheCallersLanguage() {
        TenantScope owner = newWorkspace("Cato");
        ApiClient.Response catalog = new ApiClient(port, key(owner, "Catalog", "member")).get("/api/v1/permissions");
        assertThat(catalog.status()).isEqualTo(200);
        assertThat(catalog.list()).anySatisfy(p -> assertThat(p).containsEntry("key", "api_keys.manage").containsEntry("name", "Manage API keys"));
    }

    @Test
    void aKeyOfOneWorkspaceNeverReachesAnotherEvenWithItsIds() {
        TenantScope alpha = newWorkspace("Alma");
        TenantScope beta = newWorkspace("Bert");
        UUID betaMember = join(beta, "Bea", "member");
        UUID betaInvitation = invitations.invite(beta, uniqueEmail("pending"), roleId(beta, "member"), Locale.ENGLISH).invited().getFirst()
                .invitationId();
        ApiClient api = new ApiClient(port, key(alpha, "Alpha only", "admin"));

        for (ApiClient.Response response : List.of(api.get("/api/v1/members/" + beta.accountId()),
                api.patch("/api/v1/members/" + betaMember, Map.of("roleId", roleId(beta, "guest").toString())),
                api.delete("/api/v1/members/" + betaMember),
                api.get("/api/v1/roles/" + roleId(beta, "guest")),
                api.delete("/api/v1/invitations/" + betaInvitation),
                api.post("/api/v1/invitations/" + betaInvitation + "/extend", null))) {
            assertThat(response.status()).as(response.body()).isEqualTo(404);
        }
        assertThat(api.get("/api/v1/members").items()).extracting(m -> m.get("accountId")).containsExactly(alpha.accountId().toString());
        assertThat(members.find(beta, betaMember).orElseThrow().roleName()).isEqualTo("Member");
        assertThat(invitations.page(beta, InvitationFilter.NONE, new PageRequest(0, 10, List.of())).getFirst().status())
                .isEqualTo(InvitationStatus.PENDING);
    }

    @Test
    void aRevokedKeyIsRefusedAtItsNextRequest() {
        TenantScope owner = newWorkspace("Rita");
        CreatedApiKey created = apiKeys.create(owner, new ApiKeyDraft("Revoked soon", roleId(owner, "member"), 90));
        ApiClient api = new ApiClient(port, created.secret());
        assertThat(api.get("/api/v1/members").status()).isEqualTo(200);

        apiKeys.revoke(owner, created.key().id());

        assertThat(api.get("/api/v1/members").status()).isEqualTo(401);
    }

    @Test
    void anExpiredKeyIsRefused() {
        TenantScope owner = newWorkspace("Ezra");
        CreatedApiKey created = apiKeys.create(owner, new ApiKeyDraft("One day", roleId(owner, "member"), 1));
        ApiClient api = new ApiClient(port, created.secret());
        assertThat(api.get("/api/v1/members").status()).isEqualTo(200);

        clock.advance(Duration.ofDays(1).plusMinutes(1));

        assertThat(api.get("/api/v1/members").status()).isEqualTo(401);
    }

    @Test
    void aKeyWhoseCreatorWasDemotedIsRefusedWithAStableCode() {
        TenantScope owner = newWorkspace("Dina");
        UUID admin = join(owner, "Adam", "admin");
        TenantScope adminScope = binder.bind(admin, owner.slug());
        ApiClient api = new ApiClient(port, key(adminScope, "Adam's key", "admin"));
        assertThat(api.get("/api/v1/members").status()).isEqualTo(200);

        members.changeRole(owner, admin, roleId(owner, "member"));

        ApiClient.Response refused = api.get("/api/v1/members");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json()).containsEntry("code", "access.api-key-creator-no-longer-allowed");
    }

    @Test
    void invitationsAreCreatedListedResentExtendedAndCancelled() {
        TenantScope owner = newWorkspace("Ines");
        ApiClient api = new ApiClient(port, key(owner, "Onboarding", "admin"));
        String ivy = uniqueEmail("ivy");
        String jon = uniqueEmail("jon");

        ApiClient.Response invited = api.post("/api/v1/invitations", Map.of("emails", List.of(ivy, jon, "not-an-address"),
                "roleId", roleId(owner, "member").toString()));
        assertThat(invited.status()).isEqualTo(201);
        assertThat(invited.body()).doesNotContain("/invite/");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sent = (List<Map<String, Object>>) invited.json().get("invited");
        assertThat(sent).extracting(i -> i.get("email")).containsExactlyInAnyOrder(ivy, jon);
        assertThat(invited.json().get("rejected").toString()).contains("not-an-address").contains("invitation.address.invalid");
        String ivyId = (String) sent.stream().filter(i -> ivy.equals(i.get("email"))).findFirst().orElseThrow().get("id");
        String jonId = (String) sent.stream().filter(i -> jon.equals(i.get("email"))).findFirst().orElseThrow().get("id");

        assertThat(api.get("/api/v1/invitations?status=PENDING&sort=email").items()).extracting(i -> i.get("email"))
                .containsExactlyElementsOf(ivy.compareTo(jon) < 0 ? List.of(ivy, jon) : List.of(jon, ivy));
        assertThat(api.post("/api/v1/invitations/" + ivyId + "/resend", null).json().get("code")).isEqualTo("invitation.resend-too-soon");
        clock.advance(Duration.ofMinutes(2));
        assertThat(api.post("/api/v1/invitations/" + ivyId + "/resend", null).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/invitations/" + ivyId + "/extend", null).json()).containsKey("expiresAt");
        assertThat(api.delete("/api/v1/invitations/" + jonId).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/invitations?status=CANCELLED").items()).extracting(i -> i.get("email")).containsExactly(jon);
        assertThat(api.delete("/api/v1/invitations/" + jonId).status()).isIn(409, 422);

        clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> reinvited = (List<Map<String, Object>>) api.post("/api/v1/invitations", Map.of("emails", List.of(ivy),
                "roleId", roleId(owner, "member").toString())).json().get("invited");
        Object ivyAgain = reinvited.getFirst().get("id");
        assertThat(api.get("/api/v1/invitations?q=" + ivy).items())
                .extracting(i -> i.get("id"), i -> i.get("status"), i -> i.get("replaced"))
                .containsExactlyInAnyOrder(tuple(ivyId, "expired", true), tuple(ivyAgain, "pending", false));
        ApiClient.Response cancelReplaced = api.delete("/api/v1/invitations/" + ivyId);
        assertThat(cancelReplaced.status()).isIn(409, 422);
        assertThat(cancelReplaced.json().get("code")).isEqualTo("invitation.newer-exists");
    }

    /** The status an invitation is listed with filters the list, as do the upper-case names clients used before. */
    @Test
    void theInvitationsListIsFilteredByTheStatusItShows() {
        TenantScope owner = newWorkspace("Stan");
        ApiClient api = new ApiClient(port, key(owner, "Status filter", "admin"));
        String ula = uniqueEmail("ula");
        api.post("/api/v1/invitations", Map.of("emails", List.of(ula), "roleId", roleId(owner, "member").toString()));
        String shown = (String) api.get("/api/v1/invitations").items().getFirst().get("status");
        assertThat(shown).isEqualTo("pending");

        for (String status : List.of(shown, "PENDING")) {
            ApiClient.Response filtered = api.get("/api/v1/invitations?status=" + status);
            assertThat(filtered.status()).as(status).isEqualTo(200);
            assertThat(filtered.items()).as(status).extracting(i -> i.get("email")).containsExactly(ula);
        }
        assertThat(api.get("/api/v1/invitations?status=accepted").items()).isEmpty();
        ApiClient.Response unknown = api.get("/api/v1/invitations?status=lost");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json()).containsEntry("code", "api.invalid-parameter");
        assertThat((String) unknown.json().get("detail")).contains("status");
    }

    @Test
    void anInvitationInALanguageAtriumDoesNotProvideIsRefusedNamingLanguageAndNothingIsStored() {
        TenantScope owner = newWorkspace("Lena");
        ApiClient api = new ApiClient(port, key(owner, "Languages", "admin"));
        String member = roleId(owner, "member").toString();

        for (String language : List.of("fr", "tlh", "no language")) {
            String vic = uniqueEmail("vic");
            ApiClient.Response refused = api.post("/api/v1/invitations", Map.of("emails", List.of(vic), "roleId", member, "language", language));
            assertThat(refused.status()).as(language).isEqualTo(422);
            assertThat(refused.json()).as(language).containsEntry("code", "api.invalid-request");
            assertThat(refused.json().get("errors").toString()).as(language).contains("field=language");
            assertThat(invitations.page(owner, new InvitationFilter(vic, null), new PageRequest(0, 10, List.of()))).as(language).isEmpty();
        }
        assertThat(api.post("/api/v1/invitations", Map.of("emails", List.of(uniqueEmail("wim")), "roleId", member, "language", "de-AT"))
                .status()).isEqualTo(201);
    }

    @Test
    void aRetriedInviteWithTheSameIdempotencyKeyReturnsTheFirstResponseAndSendsOneMail() {
        TenantScope owner = newWorkspace("Ida");
        ApiClient api = new ApiClient(port, key(owner, "Contracts", "admin"));
        String kim = uniqueEmail("kim");
        Map<String, Object> body = Map.of("emails", List.of(kim), "roleId", roleId(owner, "member").toString());
        String idempotencyKey = UUID.randomUUID().toString();

        ApiClient.Response first = api.post("/api/v1/invitations", body, "Idempotency-Key", idempotencyKey);
        ApiClient.Response retry = api.post("/api/v1/invitations", body, "Idempotency-Key", idempotencyKey);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(invitations.page(owner, new InvitationFilter(kim, null), new PageRequest(0, 10, List.of()))).singleElement()
                .satisfies(invitation -> assertThat(invitation.sendCount()).isEqualTo(1));
        await().until(() -> messagesTo(kim).length > 0);
        assertThat(messagesTo(kim)).hasSize(1);

        ApiClient.Response other = api.post("/api/v1/invitations", Map.of("emails", List.of(uniqueEmail("other")),
                "roleId", roleId(owner, "member").toString()), "Idempotency-Key", idempotencyKey);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json()).containsEntry("code", "api.idempotency-key-reused");
    }

    /**
     * Retries sent at the same moment: one claims the key and invites, the others are told it is in progress (409) or
     * get its response again; none is served as a new request (which the invitation rules would answer with "already
     * invited" instead of the first response).
     */
    @Test
    void simultaneousRetriesWithOneIdempotencyKeyAreServedOnce() throws Exception {
        TenantScope owner = newWorkspace("Tara");
        ApiClient api = new ApiClient(port, key(owner, "Racer", "admin"));
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                String email = uniqueEmail("race");
                Map<String, Object> body = Map.of("emails", List.of(email), "roleId", roleId(owner, "member").toString());
                String idempotencyKey = UUID.randomUUID().toString();
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<ApiClient.Response>> sent = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    sent.add(pool.submit(() -> {
                        start.await();
                        return api.post("/api/v1/invitations", body, "Idempotency-Key", idempotencyKey);
                    }));
                }
                List<ApiClient.Response> responses = new ArrayList<>();
                for (Future<ApiClient.Response> response : sent) {
                    responses.add(response.get());
                }

                assertThat(responses).extracting(ApiClient.Response::status).as("round %d", round).containsAnyOf(201).allMatch(
                        status -> status == 201 || status == 409);
                assertThat(responses).filteredOn(r -> r.status() == 201).extracting(ApiClient.Response::body).as("round %d", round)
                        .containsOnly(responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().body());
                assertThat(invitations.page(owner, new InvitationFilter(email, null), new PageRequest(0, 10, List.of()))).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rolesAreListedCreatedUpdatedAndDeletedWithAMoveToRole() {
        TenantScope owner = newWorkspace("Olaf");
        UUID pia = join(owner, "Pia", "member");
        ApiClient api = new ApiClient(port, key(owner, "Roles admin", "admin"));

        ApiClient.Response invalid = api.post("/api/v1/roles", Map.of("description", "no name"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").toString()).contains("name").contains("permissions");

        ApiClient.Response created = api.post("/api/v1/roles", Map.of("name", "Auditors", "permissions", List.of("audit.view")));
        assertThat(created.status()).isEqualTo(201);
        String auditors = (String) created.json().get("id");
        ApiClient.Response updated = api.put("/api/v1/roles/" + auditors, Map.of("name", "Auditors", "description", "Read the log",
                "permissions", List.of("audit.view", "members.view")));
        assertThat(updated.json().get("permissions").toString()).contains("members.view");
        assertThat(api.get("/api/v1/roles").list()).extracting(r -> r.get("name")).contains("Owner", "Admin", "Member", "Guest", "Auditors");
        assertThat(api.post("/api/v1/roles", Map.of("name", "Auditors", "permissions", List.of())).status()).isEqualTo(409);
        api.patch("/api/v1/members/" + pia, Map.of("roleId", auditors));

        assertThat(api.delete("/api/v1/roles/" + auditors + "?moveTo=" + roleId(owner, "guest")).status()).isEqualTo(204);

        assertThat(members.find(owner, pia).orElseThrow().roleName()).isEqualTo("Guest");
        assertThat(api.get("/api/v1/roles/" + auditors).status()).isEqualTo(404);
    }

    /**
     * A role id that names nothing: in the path, the resource addressed is not there (404); in the request, as the role
     * to give or move to, the request cannot be carried out (422), and nothing changes.
     */
    @Test
    void anUnknownRoleIdIs404InThePathAnd422WhereTheRequestRefersToIt() {
        TenantScope owner = newWorkspace("Rhea");
        UUID quinn = join(owner, "Quinn", "member");
        ApiClient api = new ApiClient(port, key(owner, "Role references", "admin"));
        String nothing = UUID.randomUUID().toString();
        String reviewers = (String) api.post("/api/v1/roles", Map.of("name", "Reviewers", "permissions", List.of("members.view")))
                .json().get("id");
        api.patch("/api/v1/members/" + quinn, Map.of("roleId", reviewers));

        for (ApiClient.Response missing : List.of(api.get("/api/v1/roles/" + nothing),
                api.put("/api/v1/roles/" + nothing, Map.of("name", "Nobody", "permissions", List.of())),
                api.delete("/api/v1/roles/" + nothing + "?moveTo=" + roleId(owner, "guest")))) {
            assertThat(missing.status()).as(missing.raw().request().method() + " " + missing.raw().uri()).isEqualTo(404);
        }
        String rex = uniqueEmail("rex");
        for (ApiClient.Response refused : List.of(
                api.post("/api/v1/invitations", Map.of("emails", List.of(rex), "roleId", nothing)),
                api.post("/api/v1/join-links", Map.of("roleId", nothing, "expiryDays", 7)),
                api.patch("/api/v1/members/" + quinn, Map.of("roleId", nothing)),
                api.delete("/api/v1/roles/" + reviewers + "?moveTo=" + nothing))) {
            assertThat(refused.status()).as(refused.raw().request().method() + " " + refused.raw().uri()).isEqualTo(422);
        }
        assertThat(api.get("/api/v1/roles/" + reviewers).status()).isEqualTo(200);
        assertThat(members.find(owner, quinn).orElseThrow().roleName()).isEqualTo("Reviewers");
        assertThat(invitations.page(owner, new InvitationFilter(rex, null), new PageRequest(0, 10, List.of()))).isEmpty();
        assertThat(api.get("/api/v1/join-links").list()).isEmpty();
    }

    /** A refusal repeats what was sent only as far as it is needed to recognise it, not the whole request. */
    @Test
    void aRefusalEchoesAnOverlongValueCut() {
        TenantScope owner = newWorkspace("Cyd");
        ApiClient api = new ApiClient(port, key(owner, "Echoes", "admin"));
        String overlong = "x".repeat(20_000);

        for (ApiClient.Response refused : List.of(
                api.post("/api/v1/join-links", Map.of("roleId", roleId(owner, "member").toString(), "expiryDays", 7,
                        "allowedDomains", List.of(overlong + ".com"))),
                api.post("/api/v1/roles", Map.of("name", "Echo", "permissions", List.of(overlong))))) {
            assertThat(refused.status()).as(refused.raw().uri().toString()).isEqualTo(422);
            assertThat((String) refused.json().get("detail")).as(refused.raw().uri().toString()).contains("xxx").hasSizeLessThan(400);
        }
    }

    @Test
    void auditEventsArePagedFilteredExportedAndVerified() {
        TenantScope owner = newWorkspace("Uma");
        join(owner, "Vic", "member");
        join(owner, "Wes", "member");
        ApiClient api = new ApiClient(port, key(owner, "SIEM", "admin"));

        ApiClient.Response first = api.get("/api/v1/audit-events?limit=2");
        assertThat(first.items()).hasSize(2);
        long newest = ((Number) first.items().getFirst().get("seq")).longValue();
        ApiClient.Response older = api.get("/api/v1/audit-events?limit=2&cursor=" + first.json().get("nextCursor"));
        assertThat(older.items()).allSatisfy(e -> assertThat(((Number) e.get("seq")).longValue()).isLessThan(newest));
        List<Map<String, Object>> joined = api.get("/api/v1/audit-events?action=member.joined").items();
        assertThat(joined).hasSizeGreaterThanOrEqualTo(2).allSatisfy(e -> assertThat(e).containsEntry("action", "member.joined"));

        ApiClient.Response csv = api.get("/api/v1/audit-events/export?format=csv&action=member.joined");
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.body().lines()).hasSize(joined.size() + 1);
        ApiClient.Response lines = api.get("/api/v1/audit-events/export?format=jsonl");
        assertThat(lines.header("Content-Type")).startsWith("application/x-ndjson");
        assertThat(lines.body().lines()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));

        assertThat(api.post("/api/v1/audit-events/verify", null).json()).containsEntry("intact", true);
    }

    /** A date the log cannot hold (PostgreSQL's timestamps end in the year 294276) is the parameter's fault, not a server error. */
    @Test
    void auditEventsFromOrToADateBeyondTheLogsRangeAreA422NamingTheParameter() {
        TenantScope owner = newWorkspace("Dora");
        ApiClient api = new ApiClient(port, key(owner, "Historian", "admin"));

        for (String query : List.of("from=%2B999999999-12-31T00:00:00Z", "to=-999999999-01-01T00:00:00Z", "from=%2B300000-01-01T00:00:00Z")) {
            for (String path : List.of("/api/v1/audit-events?", "/api/v1/audit-events/export?")) {
                ApiClient.Response refused = api.get(path + query);
                assertThat(refused.status()).as(path + query).isEqualTo(422);
                assertThat(refused.json()).as(path + query).containsEntry("code", "api.invalid-parameter");
                assertThat((String) refused.json().get("detail")).as(path + query).contains(query.substring(0, query.indexOf('=')));
            }
        }
        assertThat(api.get("/api/v1/audit-events?from=2000-01-01T00:00:00Z&to=9999-12-31T23:59:59Z").status()).isEqualTo(200);
    }

    @Test
    void joinLinksAreCreatedListedAndRevoked() {
        TenantScope owner = newWorkspace("Jara");
        ApiClient api = new ApiClient(port, key(owner, "Links", "admin"));

        ApiClient.Response created = api.post("/api/v1/join-links", Map.of("roleId", roleId(owner, "member").toString(), "expiryDays", 7,
                "maxUses", 3));
        assertThat(created.status()).isEqualTo(201);
        assertThat((String) created.json().get("url")).contains("/join/");
        @SuppressWarnings("unchecked")
        String id = (String) ((Map<String, Object>) created.json().get("link")).get("id");
        assertThat(api.get("/api/v1/join-links").list()).singleElement().satisfies(link -> assertThat(link).containsEntry("status", "active"));

        assertThat(api.delete("/api/v1/join-links/" + id).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/join-links").list()).singleElement().satisfies(link -> assertThat(link).containsEntry("status", "revoked"));
        assertThat(api.delete("/api/v1/join-links/" + id).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/join-links", Map.of("roleId", roleId(owner, "member").toString(), "expiryDays", 99)).json())
                .containsEntry("code", "joinlink.expiry-days").containsEntry("status", 422);
    }

    @Test
    void unknownPathsAreA404ProblemAndWrongMethodsA405ProblemNeverAPageOrARedirect() {
        TenantScope owner = newWorkspace("Uma");
        ApiClient api = new ApiClient(port, key(owner, "Explorer", "admin"));

        for (ApiClient.Response missing : List.of(api.get("/api/v1"), api.get("/api/v1/"), api.get("/api/v1/nothing-here"),
                api.get("/api/v1/members/" + UUID.randomUUID() + "/shoes"), api.post("/api/v1/nothing-here", Map.of("a", 1)),
                api.get("/api/v1/VAADIN/static/x.js"))) {
            assertThat(missing.status()).as(missing.raw().uri().toString()).isEqualTo(404);
            assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
            assertThat(missing.json()).containsEntry("status", 404).containsEntry("code", "api.not-found");
            assertThat(missing.header("Location")).isNull();
        }
        for (ApiClient.Response wrong : List.of(api.put("/api/v1/members", Map.of("a", 1)), api.delete("/api/v1/permissions"),
                api.patch("/api/v1/invitations", Map.of("a", 1)))) {
            assertThat(wrong.status()).as(wrong.raw().uri().toString()).isEqualTo(405);
            assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
            assertThat(wrong.json()).containsEntry("status", 405).containsEntry("code", "api.method-not-allowed");
            assertThat(wrong.header("Allow")).contains("GET");
        }
    }

    /**
     * Requests refused by the firewall or the container rather than a controller (a path parameter or an empty
     * segment, a method nobody takes, a query that is no UTF-8, an encoded slash, which Tomcat refuses before any
     * filter): a 400 problem, never the web app's sign-in redirect or Tomcat's HTML page.
     */
    @Test
    void requestsRefusedBeforeAnyControllerAreA400ProblemNeverTheSignInRedirect() {
        TenantScope owner = newWorkspace("Fern");
        ApiClient api = new ApiClient(port, key(owner, "Fuzzer", "admin"));

        for (ApiClient.Response refused : List.of(api.get("/api/v1/members;x=1"), api.get("/api/v1//members"),
                api.send("FOO", "/api/v1/members", null), api.get("/api/v1/members?q=%FF"), api.get("/api/v1/members%2Fx"))) {
            String uri = refused.raw().uri().toString();
            String request = refused.raw().request().method() + " " + uri.substring(0, Math.min(uri.length(), 80));
            assertThat(refused.status()).as(request).isEqualTo(400);
            assertThat(refused.header("Location")).as(request).isNull();
            assertThat(refused.header("Content-Type")).as(request).startsWith("application/problem+json");
            assertThat(refused.json()).as(request).containsEntry("status", 400).containsEntry("code", "api.invalid-request");
        }
    }

    /** A value of another JSON type than the field's is refused, never converted: 5 is no name, "7" and 1.5 no days. */
    @Test
    void aValueOfTheWrongJsonTypeIsA400AndNothingIsStored() {
        TenantScope owner = newWorkspace("Tyra");
        ApiClient api = new ApiClient(port, key(owner, "Typist", "admin"));
        String member = roleId(owner, "member").toString();

        Map<String, ApiClient.Response> refused = Map.of(
                "name 5", api.post("/api/v1/roles", Map.of("name", 5, "permissions", List.of())),
                "name true", api.post("/api/v1/roles", Map.of("name", true, "permissions", List.of())),
                "expiryDays \"7\"", api.post("/api/v1/join-links", Map.of("roleId", member, "expiryDays", "7")),
                "expiryDays 1.5", api.post("/api/v1/join-links", Map.of("roleId", member, "expiryDays", 1.5)));
        refused.forEach((body, response) -> {
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json()).as(body).containsEntry("code", "api.invalid-request");
        });
        assertThat(api.get("/api/v1/roles").list()).extracting(r -> r.get("name")).doesNotContain("5", "true");
        assertThat(api.get("/api/v1/join-links").list()).isEmpty();
    }

    @Test
    void aKeyPastItsAllowanceGetsA429WithRetryAfter() {
        TenantScope owner = newWorkspace("Lars");
        ApiClient api = new ApiClient(port, key(owner, "Busy", "member"));
        ApiClient other = new ApiClient(port, key(owner, "Calm", "member"));

        ApiClient.Response response = api.get("/api/v1/members");
        for (int i = 0; i < 200 && response.status() == 200; i++) {
            response = api.get("/api/v1/members");
        }

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.json()).containsEntry("code", "rate_limit.api_requests");
        assertThat(Long.parseLong(response.header("Retry-After"))).isPositive();
        assertThat(other.get("/api/v1/members").status()).as("the allowance is per key").isEqualTo(200);
    }

    private TenantScope newWorkspace(String ownerName) {
        Account owner = account(ownerName);
        String slug = "api-" + UUID.randomUUID().toString().substring(0, 8);
        workspaces.create(owner.id(), ownerName + "'s team", slug);
        return binder.bind(owner.id(), slug);
    }

    /** A new account that joined by invitation with the role; its account id. */
    private UUID join(TenantScope owner, String name, String roleKey) {
        Account person = account(name);
        InviteOutcome outcome = invitations.invite(owner, person.email(), roleId(owner, roleKey), Locale.ENGLISH);
        String link = outcome.invited().getFirst().link();
        invitations.accept(link.substring(link.lastIndexOf('/') + 1), person.id());
        return person.id();
    }

    private Account account(String name) {
        String email = uniqueEmail(name.toLowerCase(Locale.ROOT));
        return accounts.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(), email, true, name));
    }

    private String key(TenantScope creator, String name, String roleKey) {
        return apiKeys.create(creator, new ApiKeyDraft(name, roleId(creator, roleKey), 90)).secret();
    }

    private UUID roleId(TenantScope scope, String key) {
        return roles.roles(scope).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().id();
    }

    private static String uniqueEmail(String person) {
        return person + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    private MimeMessage[] messagesTo(String address) {
        return Arrays.stream(mailSink.getReceivedMessages()).filter(m -> {
            try {
                return GreenMailUtil.getAddressList(m.getAllRecipients()).equalsIgnoreCase(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
    }
}
