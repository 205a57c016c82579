package dev.atrium.admin.tenancy;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Per workspace, a generation that a cache puts into every key: forgetting a workspace bumps it instead of removing
 * entries, since a removal would miss a value being loaded at that moment, which would then be cached with what it read
 * before the change. A load under an old generation is cached where no look-up goes any more.
 * <p>
 * {@link #forget} bumps it at once, again when the current transaction ends (committed or rolled back: a value loaded
 * inside it may have seen its own writes), and on every other node once it commits, through {@link CacheInvalidations}
 * of this cache's kind.
 */
public final class CacheGenerations {

    private final String kind;
    private final CacheInvalidations invalidations;
    /** Never evicted: a generation starting again at 0 could meet entries cached under it before. */
    private final ConcurrentMap<UUID, AtomicLong> generations = new ConcurrentHashMap<>();

    public CacheGenerations(String kind, CacheInvalidations invalidations) {
        this.kind = kind;
        this.invalidations = invalidations;
        invalidations.subscribe(kind, new CacheInvalidations.Subscriber() {
            @Override
            public void changed(UUID workspaceId) {
                generation(workspaceId).incrementAndGet();
            }

            @Override
            public void anythingMayHaveChanged() {
                generations.values().forEach(AtomicLong::incrementAndGet);
            }
        });
    }

    /** The workspace's generation now: part of the key of whatever is cached about it. */
    public long current(UUID workspaceId) {
        return generation(workspaceId).get();
    }

    /** What is cached about the workspace is forgotten now, when the transaction ends, and on the other nodes. */
    public void forget(UUID workspaceId) {
        AtomicLong generation = generation(workspaceId);
        generation.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                }
            });
        }
        invalidations.announce(kind, workspaceId);
    }

    private AtomicLong generation(UUID workspaceId) {
        return generations.computeIfAbsent(workspaceId, id -> new AtomicLong());
    }
}
