package dev.atrium.admin.security;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.spring.security.AuthenticationContext;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.i18n.AtriumTranslations;

/**
 * The language of a person's pages. Vaadin gives every new UI the supported language that best matches the browser's
 * Accept-Language; a language the person chose in the account menu is remembered on their account and wins over it,
 * in every browser they sign in with.
 */
public class AccountLanguage implements VaadinServiceInitListener {

    private final AccountService accounts;
    private final AuthenticationContext authentication;

    AccountLanguage(AccountService accounts, AuthenticationContext authentication) {
        this.accounts = accounts;
        this.authentication = authentication;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(e -> applyRemembered(e.getUI()));
    }

    /**
     * Remembers {@code language}, one of {@link AtriumTranslations#LOCALES}, on the signed-in account and shows this
     * page in it at once.
     */
    public void choose(UI ui, Locale language) {
        SignedInAccount user = authentication.getAuthenticatedUser(SignedInAccount.class)
                .orElseThrow(() -> new IllegalStateException("No one is signed in"));
        accounts.changeLanguage(user.accountId(), language);
        ui.setLocale(language);
        // Texts are read when components are built: a reload builds the page again, now in the chosen language.
        ui.getPage().reload();
    }

    private void applyRemembered(UI ui) {
        authentication.getAuthenticatedUser(SignedInAccount.class)
                .flatMap(user -> accounts.find(user.accountId()))
                .map(Account::language)
                .ifPresent(ui::setLocale);
    }
}
