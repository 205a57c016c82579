package dev.atrium.admin.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.tenancy.CacheInvalidations;

/**
 * The audit log names actors from each node's copy of their account: a sign-in on another node that renames a person
 * reaches this node's copy once it commits, not only at the copy's one-minute expiry.
 */
@SpringBootTest
class AccountCacheAcrossNodesTest {

    @Autowired AccountService accounts;
    @Autowired AccountRepository repository;
    @Autowired CacheInvalidations invalidations;

    @Test
    void aRenameOnAnotherNodeReachesThisNodesCopy() {
        String subject = UUID.randomUUID().toString();
        Account nina = accounts.signIn(identity(subject, "Nina"));
        assertThat(accounts.findRecent(nina.id())).map(Account::displayName).hasValue("Nina");
        AccountService otherNode = new AccountService(repository, invalidations);

        otherNode.signIn(identity(subject, "Nina Renamed"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> accounts.findRecent(nina.id()).map(Account::displayName).orElseThrow().equals("Nina Renamed"));
    }

    private static OidcIdentity identity(String subject, String name) {
        return new OidcIdentity("https://issuer.test", subject, subject + "@example.test", true, name);
    }
}
