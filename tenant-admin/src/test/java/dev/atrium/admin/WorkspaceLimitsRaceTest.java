package dev.atrium.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.apikey.ApiKeyDraft;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.ApiKeyStatus;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.webhook.WebhookDraft;
import dev.atrium.admin.webhook.WebhookEventTypes;
import dev.atrium.admin.webhook.WebhookService;

/**
 * What a workspace may hold at most (working API keys, webhook endpoints, claimed domains): two additions at the same
 * moment where one place is left add one, the other is refused with the limit's code, never both; and a place freed
 * (a key revoked, an endpoint deleted, a domain removed) can be taken again. The count is read under a lock per
 * workspace and kind. Measured with the count read without that lock: 10 of 10 races ended one over each limit.
 */
@SpringBootTest
class WorkspaceLimitsRaceTest {

    private static final int RACES = 10;

    @Autowired ApiKeyService apiKeys;
    @Autowired WebhookService webhooks;
    @Autowired DomainService domains;
    @Autowired TestWorkspaces teams;

    @Test
    void twoApiKeysCreatedAtOnceWhereOneIsLeftNeverExceedTheLimit() {
        TenantScope owner = teams.newWorkspace("Keira");
        UUID admin = teams.roleId(owner, "admin");
        Supplier<UUID> create = () -> apiKeys.create(owner, new ApiKeyDraft("Sync", admin, 30)).key().id();
        raceForTheLastPlace("working API keys", ApiKeyService.MAX_ACTIVE_KEYS, "apikey.too-many", create,
                key -> apiKeys.revoke(owner, key),
                () -> (int) apiKeys.list(owner).stream().filter(key -> key.status() == ApiKeyStatus.ACTIVE).count());
    }

    @Test
    void twoWebhookEndpointsAddedAtOnceWhereOneIsLeftNeverExceedTheLimit() {
        TenantScope owner = teams.newWorkspace("Wendy");
        Supplier<UUID> create = () -> webhooks.create(owner, new WebhookDraft("https://hooks.example.com/" + UUID.randomUUID(),
                List.of(WebhookEventTypes.MEMBER_JOINED))).endpoint().id();
        raceForTheLastPlace("webhook endpoints", WebhookService.MAX_ENDPOINTS, "webhook.too-many", create,
                endpoint -> webhooks.delete(owner, endpoint), () -> webhooks.list(owner).size());
    }

    @Test
    void twoDomainsAddedAtOnceWhereOneIsLeftNeverExceedTheLimit() {
        TenantScope owner = teams.newWorkspace("Dora");
        Supplier<UUID> create = () -> domains.add(owner, "limit-" + UUID.randomUUID() + ".example").id();
        raceForTheLastPlace("claimed domains", DomainService.MAX_DOMAINS, "domain.too-many", create,
                domain -> domains.remove(owner, domain), () -> domains.domains(owner).size());
    }

    /**
     * Fills the workspace to one short of {@code limit}, then races two additions {@value #RACES} times, freeing the
     * place taken after each race.
     */
    private void raceForTheLastPlace(String what, int limit, String refusal, Supplier<UUID> add, Consumer<UUID> free,
            IntSupplier count) {
        for (int i = 1; i < limit; i++) {
            add.get();
        }
        UUID[] added = new UUID[2];
        int violations = 0;
        for (int race = 0; race < RACES; race++) {
            List<Throwable> outcomes = Races.run(() -> added[0] = add.get(), () -> added[1] = add.get());

            long refused = outcomes.stream().filter(t -> t instanceof AtriumRefusal r && r.code().equals(refusal)).count();
            assertThat(outcomes).as("nothing but the limit's refusal").allMatch(t -> t == null || refused == 1 && t instanceof AtriumRefusal);
            if (refused != 1 || count.getAsInt() != limit) {
                violations++;
            }
            for (int k = 0; k < added.length; k++) {
                if (outcomes.get(k) == null) {
                    free.accept(Objects.requireNonNull(added[k]));
                }
                added[k] = null;
            }
            assertThat(count.getAsInt()).as("one place free again").isEqualTo(limit - 1);
        }
        assertThat(violations).as(Races.rate("a workspace holds at most " + limit + " " + what, violations, RACES)).isZero();
    }
}
