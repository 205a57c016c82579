package dev.atrium.admin.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.context.SecurityContextImpl;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.apikey.ApiKeyDraft;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.CreatedApiKey;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.i18n.AtriumTranslations;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The filter's limit on the body it holds in memory: up to it a request is served (and claimed, with a key), beyond it
 * a 413 problem, with an Idempotency-Key or without.
 */
@SpringBootTest
class IdempotencyFilterTest {

    @Autowired TestWorkspaces teams;
    @Autowired ApiKeyService apiKeys;
    @Autowired TenantDsl tenantDsl;
    @Autowired Keyring keyring;
    @Autowired Clock clock;
    @Autowired AtriumProperties properties;
    @Autowired DSLContext platform;

    final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    TenantScope owner;
    UUID keyId;
    IdempotencyRepository claims;
    IdempotencyFilter filter;

    @BeforeEach
    void filterActingWithAnApiKey() {
        claims = new IdempotencyRepository(clock, properties, platform);
        owner = teams.newWorkspace("Bea");
        CreatedApiKey created = apiKeys.create(owner, new ApiKeyDraft("Uploads", teams.roleId(owner, "admin"), 30));
        keyId = created.key().id();
        contexts.setContext(new SecurityContextImpl(new ApiKeyAuthentication(apiKeys.authenticate(created.secret(), false).orElseThrow())));
        filter = new IdempotencyFilter(claims, tenantDsl, keyring, new ApiProblems(new AtriumTranslations(List.of())), contexts);
    }

    @AfterEach
    void signOut() {
        contexts.clearContext();
    }

    @Test
    void aBodyOfTheLimitIsServedAndItsResponseStored() throws Exception {
        MockHttpServletResponse response = post("at-limit", IdempotencyFilter.MAX_BODY_BYTES);

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(claims.find(tenantDsl.of(owner), keyId, "at-limit")).hasValueSatisfying(stored -> assertThat(stored.status()).isEqualTo(201));
    }

    @Test
    void aLargerBodyIsRefusedWith413AndNothingIsClaimed() throws Exception {
        MockHttpServletResponse response = post("too-large", IdempotencyFilter.MAX_BODY_BYTES + 1);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"api.request-too-large\"");
        assertThat(claims.find(tenantDsl.of(owner), keyId, "too-large")).isEmpty();
    }

    @Test
    void aLargerBodyWithoutAKeyIsRefusedWith413BeforeAnyHandlerReadsIt() throws Exception {
        for (String method : List.of("POST", "PATCH", "PUT")) {
            MockHttpServletRequest request = new MockHttpServletRequest(method, "/api/v1/roles/" + UUID.randomUUID());
            request.setContent(new byte[IdempotencyFilter.MAX_BODY_BYTES + 1]);
            MockHttpServletResponse response = new MockHttpServletResponse();
            filter.doFilter(request, response, (served, answer) -> {
                throw new AssertionError(method + ": the handler got a body over the limit");
            });

            assertThat(response.getStatus()).as(method).isEqualTo(413);
            assertThat(response.getContentAsString()).contains("\"code\":\"api.request-too-large\"");
        }
    }

    @Test
    void aBodyOfTheLimitWithoutAKeyReachesTheHandlerWhole() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("PATCH", "/api/v1/members/" + UUID.randomUUID());
        request.setContent(new byte[IdempotencyFilter.MAX_BODY_BYTES]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (served, answer) -> {
            assertThat(served.getInputStream().readAllBytes()).hasSize(IdempotencyFilter.MAX_BODY_BYTES);
            ((jakarta.servlet.http.HttpServletResponse) answer).setStatus(200);
        });

        assertThat(response.getStatus()).isEqualTo(200);
    }

    @Test
    void aRequestRefusedBeforeAnyHandlerRanLeavesItsKeyToTheCorrectedRetry() throws Exception {
        for (int refused : List.of(400, 406, 413, 415)) {
            String idempotencyKey = "refused-" + refused;
            assertThat(post(idempotencyKey, 10, refused).getStatus()).isEqualTo(refused);
            assertThat(claims.find(tenantDsl.of(owner), keyId, idempotencyKey)).isEmpty();

            MockHttpServletResponse retried = post(idempotencyKey, 10);

            assertThat(retried.getStatus()).isEqualTo(201);
            assertThat(retried.getHeader(IdempotencyFilter.REPLAYED)).isNull();
        }
    }

    private MockHttpServletResponse post(String idempotencyKey, int bodyBytes) throws Exception {
        return post(idempotencyKey, bodyBytes, 201);
    }

    private MockHttpServletResponse post(String idempotencyKey, int bodyBytes, int status) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/invitations");
        request.addHeader(IdempotencyFilter.HEADER, idempotencyKey);
        request.setContent(new byte[bodyBytes]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (served, answer) -> {
            assertThat(served.getInputStream().readAllBytes()).hasSize(bodyBytes);
            ((jakarta.servlet.http.HttpServletResponse) answer).setStatus(status);
        });
        return response;
    }
}
