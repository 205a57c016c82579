package dev.atrium.admin.role;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Invariant 4: after a role's permissions change, the next check on this node reflects it — even when a check was
 * loading that role while the change committed.
 */
@SpringBootTest
class PermissionChangeTakesEffectRaceTest {

    private static final int RACES = 100;

    @Autowired AccessControl access;
    @Autowired RoleService roles;
    @Autowired TestWorkspaces teams;

    @Test
    void aCheckThatLoadedTheRoleWhileAnEditCommittedDoesNotKeepTheOldPermissions() throws Exception {
        TenantScope owner = teams.newWorkspace("Ezra");
        RoleSummary auditor = roles.create(owner, new RoleDraft("Auditor", "", Set.of(Permissions.AUDIT_VIEW)));
        TenantScope ava = teams.join(owner, "Ava", auditor.key());
        int stale = 0;
        int runs = 10;
        for (int i = 0; i < runs; i++) {
            boolean before = i % 2 == 0;
            access.forgetWorkspace(owner.workspaceId());
            CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(() -> {
                PauseAfterQuery.armed.set(true);
                try {
                    return access.has(ava, Permissions.AUDIT_VIEW);
                } finally {
                    PauseAfterQuery.armed.set(false);
                }
            });
            PauseAfterQuery.PAUSED.await();
            roles.update(owner, auditor.id(), new RoleDraft("Auditor", "", before ? Set.of() : Set.of(Permissions.AUDIT_VIEW)));
            PauseAfterQuery.RESUME.countDown();
            assertThat(check.get(10, TimeUnit.SECONDS)).as("read before the edit").isEqualTo(before);
            PauseAfterQuery.reset();
            if (access.has(ava, Permissions.AUDIT_VIEW) == before) {
                stale++;
            }
        }
        assertThat(stale).as(Races.rate("edit while a check loads the role: stale afterwards", stale, runs)).isZero();
    }

    @Test
    void checksRacingAnEditAlwaysSeeItOnceItHasCommitted() {
        TenantScope owner = teams.newWorkspace("Elio");
        RoleSummary auditor = roles.create(owner, new RoleDraft("Auditor", "", Set.of(Permissions.AUDIT_VIEW)));
        TenantScope ava = teams.join(owner, "Ava", auditor.key());
        int stale = 0;
        for (int i = 0; i < RACES; i++) {
            boolean after = i % 2 != 0;
            AtomicBoolean edited = new AtomicBoolean();
            Races.run(() -> {
                roles.update(owner, auditor.id(), new RoleDraft("Auditor", "", after ? Set.of(Permissions.AUDIT_VIEW) : Set.of()));
                edited.set(true);
            }, () -> {
                // Checks keep loading the role until the edit returns; the last may still be loading as it commits.
                do {
                    access.forgetWorkspace(owner.workspaceId());
                    access.has(ava, Permissions.AUDIT_VIEW);
                } while (!edited.get());
            });
            if (access.has(ava, Permissions.AUDIT_VIEW) != after) {
                stale++;
            }
        }
        assertThat(stale).as(Races.rate("edit vs. checks loading the role: stale afterwards", stale, RACES)).isZero();
    }

    /** Holds the armed thread right after its next SQL statement returned: a role loaded but not yet cached. */
    static final class PauseAfterQuery implements ExecuteListener {

        static final ThreadLocal<Boolean> armed = ThreadLocal.withInitial(() -> false);
        static volatile CountDownLatch PAUSED = new CountDownLatch(1);
        static volatile CountDownLatch RESUME = new CountDownLatch(1);

        static void reset() {
            PAUSED = new CountDownLatch(1);
            RESUME = new CountDownLatch(1);
        }

        @Override
        public void end(ExecuteContext ctx) {
            if (armed.get()) {
                armed.set(false);
                PAUSED.countDown();
                try {
                    RESUME.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Pausing {
        @Bean
        ExecuteListenerProvider pauseAfterQuery() {
            return new DefaultExecuteListenerProvider(new PauseAfterQuery());
        }
    }
}
