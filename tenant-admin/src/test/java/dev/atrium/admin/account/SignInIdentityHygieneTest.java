package dev.atrium.admin.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.refusal.AtriumRefusal;

/** What an identity provider says is stored only as text PostgreSQL takes and people can read. */
@SpringBootTest
class SignInIdentityHygieneTest {

    private static final String ISSUER = "https://hygiene.issuer.test";

    @Autowired AccountService accounts;
    @Autowired TransactionTemplate transaction;

    @Test
    void anEmailOrSubjectWithAControlCharacterIsARefusedSignIn() {
        String subject = UUID.randomUUID().toString();

        assertThatThrownBy(() -> accounts.signIn(new OidcIdentity(ISSUER, subject, "a\u0000@x.com", true, "Ann")))
                .isInstanceOf(AtriumRefusal.class).extracting(e -> ((AtriumRefusal) e).code())
                .isEqualTo("account.identity-unreadable");
        assertThatThrownBy(() -> accounts.signIn(new OidcIdentity(ISSUER, subject + "\u0000", subject + "@x.com", true, "Ann")))
                .isInstanceOf(AtriumRefusal.class).extracting(e -> ((AtriumRefusal) e).code())
                .isEqualTo("account.identity-unreadable");
        assertThatThrownBy(() -> transaction.execute(status -> accounts.signInVouched(ISSUER, subject, "a\u0001b@x.com", true,
                "Ann", address -> true)))
                .isInstanceOf(AtriumRefusal.class).extracting(e -> ((AtriumRefusal) e).code())
                .isEqualTo("account.identity-unreadable");
        assertThatThrownBy(() -> transaction.execute(status -> accounts.signInVouched(ISSUER, "\u0000" + subject,
                subject + "@x.com", true, "Ann", address -> true)))
                .isInstanceOf(AtriumRefusal.class).extracting(e -> ((AtriumRefusal) e).code())
                .isEqualTo("account.identity-unreadable");
        assertThatThrownBy(() -> accounts.signIn(new OidcIdentity(ISSUER, subject, "a".repeat(400) + "@x.com", true, "Ann")))
                .isInstanceOf(AtriumRefusal.class).extracting(e -> ((AtriumRefusal) e).code())
                .isEqualTo("account.identity-unreadable");
    }

    @Test
    void aNameWithInvisibleCharactersIsStoredWithoutThemAndTheAccountKeepsSigningIn() {
        String subject = UUID.randomUUID().toString();
        Account ann = accounts.signIn(new OidcIdentity(ISSUER, subject, subject + "@x.com", true, "Ann"));

        Account again = accounts.signIn(new OidcIdentity(ISSUER, subject, subject + "@x.com", true, "Ann\u0000 \u202EBob\u200B"));

        assertThat(again.id()).isEqualTo(ann.id());
        assertThat(again.displayName()).isEqualTo("Ann Bob");
        Account vouched = transaction.execute(status -> accounts.signInVouched(ISSUER, subject, subject + "@x.com", true,
                "\u2066Cy\u0000d\u2069", address -> true).account());
        assertThat(vouched.displayName()).isEqualTo("Cyd");
    }

    @Test
    void aNameOfNothingVisibleIsTheEmailAndALongNameIsCut() {
        String subject = UUID.randomUUID().toString();

        Account nameless = accounts.signIn(new OidcIdentity(ISSUER, subject, subject + "@x.com", true, "\u0000\u200B\u202E"));
        Account wordy = accounts.signIn(new OidcIdentity(ISSUER, subject, subject + "@x.com", true, "n".repeat(5000)));

        assertThat(nameless.displayName()).isEqualTo(subject + "@x.com");
        assertThat(wordy.displayName()).hasSize(AccountService.MAX_NAME_LENGTH);
    }
}
