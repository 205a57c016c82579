package dev.atrium.admin.api;

import static dev.atrium.db.jooq.tenant.Tables.API_IDEMPOTENCY;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.apikey.ApiKeyDraft;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/**
 * Idempotency claims on a real database: a claim left by a node that stopped mid-request is taken over by a retry once
 * its lease ran out (and not before), by exactly one of two racing retries; stored responses are purged after their
 * retention, and only those.
 */
@SpringBootTest
class IdempotencyClaimsTest {

    private static final byte[] REQUEST = "POST /api/v1/invitations {kim}".getBytes(StandardCharsets.UTF_8);

    @Autowired TestWorkspaces teams;
    @Autowired ApiKeyService apiKeys;
    @Autowired TenantDsl tenantDsl;
    @Autowired TenantBinder binder;
    @Autowired MutableClock clock;
    @Autowired AtriumProperties properties;
    @Autowired DSLContext platform;

    IdempotencyRepository claims;
    IdempotencyPurge purge;
    DSLContext tenant;
    UUID keyId;

    @BeforeEach
    void workspaceWithKey() {
        claims = new IdempotencyRepository(clock, properties, platform);
        purge = new IdempotencyPurge(claims, binder, tenantDsl, clock, properties);
        TenantScope owner = teams.newWorkspace("Ida");
        keyId = apiKeys.create(owner, new ApiKeyDraft("Contracts", teams.roleId(owner, "admin"), 30)).key().id();
        tenant = tenantDsl.of(owner);
    }

    @Test
    void aClaimWithoutResponseIsTakenOverByTheSameRequestOnlyAfterItsLease() {
        Duration lease = properties.api().idempotencyLease();
        assertThat(claims.claim(tenant, keyId, "k1", REQUEST)).isPresent();
        // The node serving it stops here: no response, no release.

        assertThat(claims.claim(tenant, keyId, "k1", REQUEST)).as("within the lease it is still being served").isEmpty();
        clock.advance(lease.minusSeconds(1));
        assertThat(claims.claim(tenant, keyId, "k1", REQUEST)).as("just before the lease's end").isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(claims.claim(tenant, keyId, "k1", "another request".getBytes(StandardCharsets.UTF_8)))
                .as("another request never takes it over").isEmpty();
        UUID retry = claims.claim(tenant, keyId, "k1", REQUEST).orElseThrow();
        assertThat(claims.claim(tenant, keyId, "k1", REQUEST)).as("and holds a fresh lease").isEmpty();

        claims.complete(tenant, keyId, "k1", retry, 201, "application/json", new byte[] {1});
        clock.advance(lease.multipliedBy(2));
        assertThat(claims.claim(tenant, keyId, "k1", REQUEST)).as("a stored response is replayed, never run again").isEmpty();
        assertThat(claims.find(tenant, keyId, "k1")).hasValueSatisfying(stored -> assertThat(stored.status()).isEqualTo(201));
    }

    @Test
    void ofTwoRetriesRacingForAStaleClaimExactlyOneTakesItOver() {
        Duration lease = properties.api().idempotencyLease();
        int races = 30;
        AtomicInteger violations = new AtomicInteger();
        for (int i = 0; i < races; i++) {
            String idempotencyKey = "race-" + i;
            assertThat(claims.claim(tenant, keyId, idempotencyKey, REQUEST)).isPresent();
            clock.advance(lease.plusSeconds(1));
            AtomicInteger won = new AtomicInteger();
            List<Throwable> outcomes = Races.run(
                    () -> claims.claim(tenant, keyId, idempotencyKey, REQUEST).ifPresent(token -> won.incrementAndGet()),
                    () -> claims.claim(tenant, keyId, idempotencyKey, REQUEST).ifPresent(token -> won.incrementAndGet()));
            assertThat(outcomes).containsOnlyNulls();
            if (won.get() != 1) {
                violations.incrementAndGet();
            }
        }
        Races.rate("a stale idempotency claim is taken over by exactly one retry", violations.get(), races);
        assertThat(violations.get()).isZero();
    }

    @Test
    void thePurgeDeletesOnlyWhatIsPastItsRetention() {
        Duration retention = properties.api().idempotencyRetention();
        claims.complete(tenant, keyId, "old", claims.claim(tenant, keyId, "old", REQUEST).orElseThrow(), 201, "application/json",
                new byte[] {1});
        claims.claim(tenant, keyId, "abandoned", REQUEST);
        clock.advance(retention.minusMinutes(5));
        claims.complete(tenant, keyId, "recent", claims.claim(tenant, keyId, "recent", REQUEST).orElseThrow(), 201, "application/json",
                new byte[] {2});

        purge.purgeAll();
        assertThat(keys()).as("nothing is past its retention yet").containsExactlyInAnyOrder("old", "abandoned", "recent");

        clock.advance(Duration.ofMinutes(6));
        purge.purgeAll();
        assertThat(keys()).containsExactly("recent");
        assertThat(claims.claim(tenant, keyId, "old", REQUEST)).as("a purged key is a new request again").isPresent();
    }

    @Test
    void aRequestWhoseClaimWasTakenOverNeitherReleasesItNorStoresItsResponse() {
        Duration lease = properties.api().idempotencyLease();
        UUID first = claims.claim(tenant, keyId, "slow", REQUEST).orElseThrow();
        clock.advance(lease.plusSeconds(1)); // the first request is still running; its client retries
        UUID retry = claims.claim(tenant, keyId, "slow", REQUEST).orElseThrow();

        claims.release(tenant, keyId, "slow", first); // the first request fails
        assertThat(claims.claim(tenant, keyId, "slow", REQUEST)).as("the retry still holds the claim").isEmpty();

        claims.complete(tenant, keyId, "slow", first, 201, "application/json", new byte[] {1}); // or it answers late
        assertThat(claims.find(tenant, keyId, "slow")).hasValueSatisfying(stored -> assertThat(stored.status()).isNull());

        claims.complete(tenant, keyId, "slow", retry, 201, "application/json", new byte[] {2});
        claims.complete(tenant, keyId, "slow", first, 201, "application/json", new byte[] {1});
        claims.release(tenant, keyId, "slow", first);
        assertThat(claims.find(tenant, keyId, "slow")).as("the retry's response, kept")
                .hasValueSatisfying(stored -> assertThat(stored.body()).containsExactly(2));
    }

    private List<String> keys() {
        return tenant.select(API_IDEMPOTENCY.IDEMPOTENCY_KEY).from(API_IDEMPOTENCY).where(API_IDEMPOTENCY.KEY_ID.eq(keyId))
                .fetch(API_IDEMPOTENCY.IDEMPOTENCY_KEY);
    }
}
