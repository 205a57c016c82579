package dev.atrium.admin.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invalidations through PostgreSQL's NOTIFY on a real database: delivered once the announcing transaction commits,
 * never for one that rolls back; and after the listening connection is cut, the listener connects again and says
 * that anything may have changed (what was sent meanwhile is lost), then hears new announcements again.
 */
@SpringBootTest
class CacheInvalidationsTest {

    @Autowired CacheInvalidations invalidations;
    @Autowired DSLContext platform;
    @Autowired PlatformTransactionManager transactions;

    private final List<UUID> changed = new CopyOnWriteArrayList<>();
    private final AtomicInteger anything = new AtomicInteger();

    private void subscribe(String kind) {
        invalidations.subscribe(kind, new CacheInvalidations.Subscriber() {
            @Override
            public void changed(UUID workspaceId) {
                changed.add(workspaceId);
            }

            @Override
            public void anythingMayHaveChanged() {
                anything.incrementAndGet();
            }
        });
    }

    @Test
    void anAnnouncementReachesSubscribersOnlyWhenItsTransactionCommits() {
        subscribe("test-commit");
        UUID rolledBack = UUID.randomUUID();
        UUID committed = UUID.randomUUID();
        TransactionTemplate transaction = new TransactionTemplate(transactions);

        transaction.executeWithoutResult(status -> {
            invalidations.announce("test-commit", rolledBack);
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> invalidations.announce("test-commit", committed));

        // Notifications arrive in commit order: once the committed one is here, a rolled-back one would be too.
        await().atMost(Duration.ofSeconds(5)).until(() -> changed.contains(committed));
        assertThat(changed).doesNotContain(rolledBack);
        invalidations.announce("another-kind", rolledBack);
        UUID marker = UUID.randomUUID();
        invalidations.announce("test-commit", marker);
        await().atMost(Duration.ofSeconds(5)).until(() -> changed.contains(marker));
        assertThat(changed).as("other kinds go to their own subscribers").doesNotContain(rolledBack);
    }

    @Test
    void aCutConnectionIsReplacedAndEverythingForgottenThenAnnouncementsArriveAgain() {
        subscribe("test-reconnect");
        await().atMost(Duration.ofSeconds(10)).until(() -> invalidations.listenerPid() != 0);
        int connected = invalidations.connections();
        int before = anything.get();

        platform.select(DSL.function("pg_terminate_backend", Boolean.class, DSL.val(invalidations.listenerPid()))).fetch();

        await().atMost(Duration.ofSeconds(15)).until(() -> invalidations.connections() > connected);
        assertThat(anything.get()).as("told that anything may have changed").isGreaterThan(before);
        UUID after = UUID.randomUUID();
        invalidations.announce("test-reconnect", after);
        await().atMost(Duration.ofSeconds(5)).until(() -> changed.contains(after));
    }
}
