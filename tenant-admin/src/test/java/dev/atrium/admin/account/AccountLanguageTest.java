package dev.atrium.admin.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestAccounts;

@SpringBootTest
class AccountLanguageTest {

    @Autowired AccountService accounts;
    @Autowired TestAccounts testAccounts;

    @Test
    void aNewAccountFollowsTheBrowser() {
        Account erin = testAccounts.newAccount("Erin");

        assertThat(erin.language()).isNull();
        assertThat(accounts.find(erin.id()).orElseThrow().language()).isNull();
    }

    @Test
    void theChosenLanguageIsRememberedAndSurvivesTheNextSignIn() {
        String subject = UUID.randomUUID().toString();
        Account frank = accounts.signIn(new OidcIdentity("https://issuer.test", subject, subject + "@example.test", true, "Frank"));

        assertThat(accounts.changeLanguage(frank.id(), Locale.GERMAN).language()).isEqualTo(Locale.GERMAN);

        Account signedInAgain = accounts.signIn(new OidcIdentity("https://issuer.test", subject, subject + "@example.test",
                true, "Frank Renamed"));
        assertThat(signedInAgain.id()).isEqualTo(frank.id());
        assertThat(signedInAgain.displayName()).isEqualTo("Frank Renamed");
        assertThat(signedInAgain.language()).isEqualTo(Locale.GERMAN);
    }

    @Test
    void forgettingTheChoiceFollowsTheBrowserAgain() {
        Account grace = testAccounts.newAccount("Grace");
        accounts.changeLanguage(grace.id(), Locale.GERMAN);

        accounts.changeLanguage(grace.id(), null);

        assertThat(accounts.find(grace.id()).orElseThrow().language()).isNull();
    }

    @Test
    void aLanguageAtriumDoesNotSpeakIsRefusedAndNothingIsStored() {
        Account heidi = testAccounts.newAccount("Heidi");
        accounts.changeLanguage(heidi.id(), Locale.ENGLISH);

        assertThatThrownBy(() -> accounts.changeLanguage(heidi.id(), Locale.FRENCH))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fr");
        assertThatThrownBy(() -> accounts.changeLanguage(heidi.id(), Locale.GERMANY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("de-DE");

        assertThat(accounts.find(heidi.id()).orElseThrow().language()).isEqualTo(Locale.ENGLISH);
    }

    @Test
    void anUnknownAccountIsRefused() {
        assertThatThrownBy(() -> accounts.changeLanguage(UUID.randomUUID(), Locale.GERMAN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
