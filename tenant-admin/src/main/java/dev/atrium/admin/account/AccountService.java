package dev.atrium.admin.account;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.i18n.AtriumTranslations;

/** Accounts are created on first sign-in and refreshed from the ID token on every later one. */
@Service
public class AccountService {

    private final AccountRepository accounts;

    AccountService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    /**
     * The account of the person signing in, created on their first sign-in. E-mail and name follow the identity
     * provider: they are updated on each sign-in.
     */
    @Transactional
    public Account signIn(OidcIdentity identity) {
        if (identity.email() == null || identity.email().isBlank()) {
            throw new IllegalArgumentException("The identity provider did not share an e-mail address for this account.");
        }
        String name = identity.displayName() == null || identity.displayName().isBlank()
                ? identity.email() : identity.displayName().strip();
        return accounts.upsert(identity.issuer(), identity.subject(), identity.email().strip(), identity.emailVerified(), name);
    }

    public Optional<Account> find(UUID accountId) {
        return accounts.find(accountId);
    }

    /**
     * Remembers the language the person chose, one of {@link AtriumTranslations#LOCALES}, for every later sign-in;
     * null forgets the choice, so that pages follow the browser's language again. A personal preference, not a
     * workspace's business: it is not audited, like the name and e-mail refreshed at sign-in.
     */
    @Transactional
    public Account changeLanguage(UUID accountId, @Nullable Locale language) {
        if (language != null && !AtriumTranslations.LOCALES.contains(language)) {
            throw new IllegalArgumentException("Atrium does not speak " + language.toLanguageTag()
                    + "; choose one of " + AtriumTranslations.LOCALES);
        }
        if (!accounts.updateLanguage(accountId, language)) {
            throw new IllegalArgumentException("No account " + accountId);
        }
        return accounts.find(accountId).orElseThrow();
    }
}
