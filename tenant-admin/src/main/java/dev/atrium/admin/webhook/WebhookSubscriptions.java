package dev.atrium.admin.webhook;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.atrium.admin.tenancy.CacheGenerations;
import dev.atrium.admin.tenancy.CacheInvalidations;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * Which enabled endpoints subscribe to which event types, per workspace, as this node last read them: asked for every
 * audit event, changed rarely. Every change to an endpoint's types or enabled state, its creation and its deletion
 * forgets the workspace's entry ({@link #changed}) at once, when the change's transaction ends, and on every other node
 * once it commits ({@link CacheInvalidations}); the expiry only bounds how stale a node can be should it miss that.
 * A message is queued only if its endpoint still exists and is enabled when it is inserted, so an entry that is stale
 * on another node for a moment never queues one for a deleted or disabled endpoint.
 */
@Component
class WebhookSubscriptions {

    /** The kind of {@link CacheInvalidations} this cache listens to. */
    static final String CACHE = "webhook-subscriptions";

    /** An enabled endpoint and the event types it subscribes to. */
    record Subscription(UUID endpointId, List<String> eventTypes) {
    }

    private record Key(UUID workspaceId, long generation) {
    }

    private final WebhookRepository webhooks;
    private final TenantDsl tenantDsl;
    private final CacheGenerations generations;
    private final Cache<Key, List<Subscription>> byWorkspace = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    WebhookSubscriptions(WebhookRepository webhooks, TenantDsl tenantDsl, CacheInvalidations invalidations) {
        this.webhooks = webhooks;
        this.tenantDsl = tenantDsl;
        this.generations = new CacheGenerations(CACHE, invalidations);
    }

    /** Enabled endpoints subscribed to any of the types, oldest first, with the types each subscribes to among them. */
    Map<UUID, List<String>> subscribed(WorkspaceBinding workspace, List<String> types) {
        Map<UUID, List<String>> subscribed = new LinkedHashMap<>();
        for (Subscription subscription : all(workspace)) {
            List<String> wanted = subscription.eventTypes().stream().filter(types::contains).toList();
            if (!wanted.isEmpty()) {
                subscribed.put(subscription.endpointId(), wanted);
            }
        }
        return subscribed;
    }

    /** The workspace's endpoints or their subscriptions changed: read them again, on every node. */
    void changed(UUID workspaceId) {
        generations.forget(workspaceId);
    }

    private List<Subscription> all(WorkspaceBinding workspace) {
        Key key = new Key(workspace.workspaceId(), generations.current(workspace.workspaceId()));
        List<Subscription> cached = byWorkspace.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        List<Subscription> read = webhooks.subscriptions(tenantDsl.of(workspace));
        // A snapshot older than the statement (repeatable read) may predate a change that has since committed.
        if (!inOlderSnapshot()) {
            byWorkspace.put(key, read);
        }
        return read;
    }

    private static boolean inOlderSnapshot() {
        Integer isolation = TransactionSynchronizationManager.getCurrentTransactionIsolationLevel();
        return isolation != null && isolation >= TransactionDefinition.ISOLATION_REPEATABLE_READ;
    }
}
