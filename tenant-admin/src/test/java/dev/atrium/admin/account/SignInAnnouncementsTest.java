package dev.atrium.admin.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestLocks;
import dev.atrium.admin.tenancy.CacheInvalidations;

/**
 * Every node is told of a sign-in that changed an account's e-mail or name (its copy names actors in the audit log),
 * and of no other: a notification costs each node a look-up and, in PostgreSQL, a lock every notifying commit in the
 * cluster takes in turn. Notifications arrive in commit order, so once a later rename of another account has been
 * told, any earlier sign-in's notification would have been too.
 */
@SpringBootTest
class SignInAnnouncementsTest {

    private static final String ISSUER = "https://issuer.test";
    private static final String DIRECTORY = "https://directory.test";

    @Autowired AccountService accounts;
    @Autowired CacheInvalidations invalidations;
    @Autowired TransactionTemplate transaction;
    @Autowired TestLocks locks;

    private final Queue<UUID> told = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void listen() {
        invalidations.subscribe(AccountService.CACHE, new CacheInvalidations.Subscriber() {
            @Override
            public void changed(UUID accountId) {
                told.add(accountId);
            }

            @Override
            public void anythingMayHaveChanged() {
            }
        });
    }

    @Test
    void signInsThatChangeNothingTellNoNode() {
        String subject = UUID.randomUUID().toString();
        Account nina = accounts.signIn(identity(subject, "Nina"));
        accounts.signIn(identity(subject, "Nina"));
        transaction.executeWithoutResult(signingIn -> accounts.signInVouched(ISSUER, subject, nina.email(), true, "Nina",
                address -> true));
        accounts.signIn(identity(subject, "Nina Renamed"));

        assertTold(nina, 1);
    }

    /**
     * A sign-in through a second identity that waited for a rename through the first one and puts the old name back is
     * a change too: deciding from what the account held before the rename committed, it told nobody, and every node that
     * had read the new name kept it.
     */
    @Test
    void aSignInThatWaitedForAnothersRenameTellsEveryNodeOfItsOwnChange() throws Exception {
        String subject = UUID.randomUUID().toString();
        Account nina = accounts.signIn(identity(subject, "Nina"));
        transaction.executeWithoutResult(linking -> accounts.signInVouched(DIRECTORY, subject, nina.email(), true, "Nina",
                address -> true));

        CompletableFuture<Account> nameBack = locks.waitingFor(() -> accounts.signIn(identity(subject, "Nina Renamed")),
                () -> transaction.execute(signingIn -> accounts.signInVouched(DIRECTORY, subject, nina.email(), true, "Nina",
                        address -> true).account()));
        assertThat(nameBack.get(10, TimeUnit.SECONDS).displayName()).isEqualTo("Nina");

        assertTold(nina, 2);
    }

    /** Renames another account, waits until that is told, then expects exactly {@code changes} told of the account. */
    private void assertTold(Account account, int changes) {
        String subject = UUID.randomUUID().toString();
        accounts.signIn(identity(subject, "Marker"));
        UUID marker = accounts.signIn(identity(subject, "Marker Renamed")).id();
        await().atMost(Duration.ofSeconds(10)).until(() -> told.contains(marker));
        assertThat(told.stream().filter(account.id()::equals).count()).isEqualTo(changes);
    }

    private static OidcIdentity identity(String subject, String name) {
        return new OidcIdentity(ISSUER, subject, subject + "@example.test", true, name);
    }
}
