package dev.atrium.e2e.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.apikey.ApiKeyDraft;
import dev.atrium.admin.apikey.ApiKeyException;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.CreatedPlatformApiKey;
import dev.atrium.admin.apikey.PlatformApiKeyService;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceSummary;
import dev.atrium.e2e.AtriumE2ETest;
import dev.atrium.e2e.SignedIn;

/**
 * Creating workspaces over real HTTP with a platform API key, made by an operator through the service the operator
 * page uses: the owner named by e-mail can open the workspace; a workspace's key may not create one and a platform key
 * reaches no workspace; revoked and expired platform keys are refused; the create dialog's refusals per field; an
 * idempotent retry creates one workspace.
 */
@AtriumE2ETest
class PlatformApiTest {

    @LocalServerPort int port;
    @Autowired AccountService accounts;
    @Autowired WorkspaceService workspaces;
    @Autowired TenantBinder binder;
    @Autowired MemberService members;
    @Autowired RoleService roles;
    @Autowired ApiKeyService apiKeys;
    @Autowired PlatformApiKeyService platformKeys;
    @Autowired MutableClock clock;

    @Test
    void aPlatformKeyCreatesAWorkspaceWhoseOwnerOpensItAndTheKeyIsTheAuditedActor() {
        Account owner = account("Olivia");
        ApiClient api = new ApiClient(port, platformKey("CRM backend", 90).secret());

        ApiClient.Response created = api.post("/api/v1/workspaces", Map.of("name", "Olivia's Shop " + suffix(), "ownerEmail",
                owner.email().toUpperCase(Locale.ROOT)));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String slug = (String) created.json().get("slug");
        assertThat(slug).startsWith("olivia-s-shop-");
        assertThat(created.json()).containsEntry("ownerAccountId", owner.id().toString()).containsEntry("path", "/w/" + slug);
        assertThat(workspaces.workspacesOf(owner.id())).extracting(WorkspaceSummary::slug).containsExactly(slug);
        TenantScope opened = binder.bind(owner.id(), slug);
        assertThat(members.find(opened, owner.id()).orElseThrow().owner()).isTrue();

        ApiClient ownersKey = new ApiClient(port, apiKeys.create(opened, new ApiKeyDraft("Audit reader", roleId(opened, "admin"), 1)).secret());
        assertThat(ownersKey.get("/api/v1/audit-events?action=workspace.created").items()).singleElement()
                .satisfies(event -> assertThat(event).containsEntry("actorKind", "api_key").containsEntry("actorName", "CRM backend"));

        ApiClient.Response intoTheWorkspace = api.get("/api/v1/members");
        assertThat(intoTheWorkspace.status()).isEqualTo(403);
        assertThat(intoTheWorkspace.json()).containsEntry("code", "api.platform-key-not-allowed");
    }

    @Test
    void aWorkspaceKeyCannotCreateWorkspacesAndNoKeyIsA401() {
        Account owner = account("Wanda");
        String slug = "wanda-" + suffix();
        workspaces.create(owner.id(), "Wanda's team", slug);
        TenantScope scope = binder.bind(owner.id(), slug);
        ApiClient workspaceKey = new ApiClient(port, apiKeys.create(scope, new ApiKeyDraft("Owner's key", roleId(scope, "owner"), null)).secret());
        String wanted = "stolen-" + suffix();
        Map<String, Object> body = Map.of("name", "Stolen", "slug", wanted, "ownerEmail", owner.email());

        ApiClient.Response refused = workspaceKey.post("/api/v1/workspaces", body);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json()).containsEntry("code", "api.platform-key-required");
        assertThat(new ApiClient(port, null).post("/api/v1/workspaces", body).status()).isEqualTo(401);
        assertThat(workspaces.workspacesOf(owner.id())).extracting(WorkspaceSummary::slug).containsExactly(slug);
    }

    @Test
    void revokedAndExpiredPlatformKeysAreRefusedAtTheirNextRequest() {
        Account owner = account("Rhea");
        CreatedPlatformApiKey revoked = platformKey("Revoked soon", 90);
        ApiClient revokedApi = new ApiClient(port, revoked.secret());
        ApiClient oneDay = new ApiClient(port, platformKey("One day", 1).secret());
        assertThat(revokedApi.post("/api/v1/workspaces", create("Rhea One", owner)).status()).isEqualTo(201);
        assertThat(oneDay.post("/api/v1/workspaces", create("Rhea Two", owner)).status()).isEqualTo(201);

        asOperator(() -> platformKeys.revoke(revoked.key().id()));
        clock.advance(Duration.ofDays(1).plusMinutes(1));

        for (ApiClient refusedApi : List.of(revokedApi, oneDay)) {
            ApiClient.Response refused = refusedApi.post("/api/v1/workspaces", create("Rhea Three", owner));
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.json()).containsEntry("code", "api.unauthenticated");
        }
        assertThat(workspaces.workspacesOf(owner.id())).hasSize(2);
        assertThatThrownBy(() -> asOperator(() -> platformKeys.revoke(revoked.key().id()))).isInstanceOfSatisfying(ApiKeyException.class,
                refusal -> assertThat(refusal.code()).isEqualTo("platform-key.already-revoked"));
    }

    @Test
    void theDialogsRulesAnswerPerFieldATakenSlugIsAConflictAndAnUnverifiedAddressNamesNoOwner() {
        Account owner = account("Tess");
        Account unverified = accounts.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(), uniqueEmail("uma"), false, "Uma"));
        ApiClient api = new ApiClient(port, platformKey("Provisioning", 90).secret());
        String slug = "tess-" + suffix();
        assertThat(api.post("/api/v1/workspaces", Map.of("name", "Tess", "slug", slug, "ownerEmail", owner.email())).status()).isEqualTo(201);

        ApiClient.Response taken = api.post("/api/v1/workspaces", Map.of("name", "Tess again", "slug", slug, "ownerEmail", owner.email()));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json()).containsEntry("code", "workspace.slug.taken");
        assertThat(fields(taken)).containsExactly("slug");

        ApiClient.Response invalid = api.post("/api/v1/workspaces", Map.of("name", " ", "slug", "api", "ownerEmail", uniqueEmail("nobody")));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
        assertThat(invalid.json()).containsEntry("code", "workspace.name.missing");
        assertThat(fields(invalid)).containsExactly("name", "slug", "ownerEmail");
        assertThat(invalid.json().get("errors").toString()).contains("workspace.slug.reserved").contains("workspace.owner.no-account");

        ApiClient.Response unverifiedOwner = api.post("/api/v1/workspaces", Map.of("name", "Uma's", "ownerEmail", unverified.email()));
        assertThat(unverifiedOwner.status()).isEqualTo(422);
        assertThat(unverifiedOwner.json()).containsEntry("code", "workspace.owner.no-account");
        assertThat(api.post("/api/v1/workspaces", Map.of("name", "No owner")).json()).containsEntry("code", "workspace.owner.missing");
        assertThat(workspaces.workspacesOf(unverified.id())).isEmpty();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyCreatesOneWorkspace() {
        Account owner = account("Ivo");
        ApiClient api = new ApiClient(port, platformKey("Signup flow", 90).secret());
        Map<String, Object> body = create("Ivo's", owner);
        String idempotencyKey = UUID.randomUUID().toString();

        ApiClient.Response first = api.post("/api/v1/workspaces", body, "Idempotency-Key", idempotencyKey);
        ApiClient.Response retry = api.post("/api/v1/workspaces", body, "Idempotency-Key", idempotencyKey);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotency-Replayed")).isEqualTo("true");
        assertThat(workspaces.workspacesOf(owner.id())).hasSize(1);
        ApiClient.Response other = api.post("/api/v1/workspaces", create("Ivo's other", owner), "Idempotency-Key", idempotencyKey);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json()).containsEntry("code", "api.idempotency-key-reused");
    }

    @Test
    void onlyOperatorsManagePlatformKeys() {
        Account someone = account("Sam");
        assertThatThrownBy(() -> SignedIn.asNonOperator(someone, () -> platformKeys.create("Mine", 90))).isInstanceOfSatisfying(ApiKeyException.class,
                refusal -> assertThat(refusal.code()).isEqualTo("platform-key.operators-only"));
        assertThatThrownBy(() -> SignedIn.asNonOperator(someone, platformKeys::list)).isInstanceOf(ApiKeyException.class);
        assertThatThrownBy(platformKeys::list).as("no one signed in").isInstanceOf(ApiKeyException.class);
    }

    @Test
    void aKeysLastUseIsShownToTheMinute() {
        CreatedPlatformApiKey created = platformKey("Usage", 90);
        ApiClient api = new ApiClient(port, created.secret());
        assertThat(lastUsed(created)).as("never used").isNull();

        assertThat(api.get("/api/v1/members").status()).isEqualTo(403);
        OffsetDateTime first = lastUsed(created);
        assertThat(first).isNotNull();

        clock.advance(Duration.ofSeconds(30));
        api.get("/api/v1/members");
        assertThat(lastUsed(created)).as("within the minute").isEqualTo(first);

        clock.advance(Duration.ofSeconds(31));
        api.get("/api/v1/members");
        assertThat(lastUsed(created)).as("a minute later").isAfter(first.plusSeconds(60));
    }

    private @Nullable OffsetDateTime lastUsed(CreatedPlatformApiKey created) {
        return SignedIn.asOperator(account("Heidi"), platformKeys::list).stream().filter(key -> key.id().equals(created.key().id()))
                .findFirst().orElseThrow().lastUsedAt();
    }

    private CreatedPlatformApiKey platformKey(String name, Integer expiryDays) {
        CreatedPlatformApiKey created = SignedIn.asOperator(account("Heidi"), () -> platformKeys.create(name, expiryDays));
        assertThat(created.secret()).matches("atrium_platform_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}");
        return created;
    }

    private void asOperator(Runnable work) {
        SignedIn.asOperator(account("Heidi"), () -> {
            work.run();
            return null;
        });
    }

    private static Map<String, Object> create(String name, Account owner) {
        return Map.of("name", name, "slug", "p-" + suffix(), "ownerEmail", owner.email());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> fields(ApiClient.Response response) {
        return ((List<Map<String, Object>>) response.json().get("errors")).stream().map(error -> error.get("field")).toList();
    }

    private Account account(String name) {
        return accounts.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(), uniqueEmail(name.toLowerCase(Locale.ROOT)),
                true, name));
    }

    private UUID roleId(TenantScope scope, String key) {
        return roles.roles(scope).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow().id();
    }

    private static String uniqueEmail(String person) {
        return person + "-" + suffix() + "@example.test";
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
