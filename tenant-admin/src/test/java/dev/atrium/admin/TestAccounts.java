package dev.atrium.admin;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;

/** Signs in new, unique people for tests. */
@Component
public class TestAccounts {

    private final AccountService accounts;

    TestAccounts(AccountService accounts) {
        this.accounts = accounts;
    }

    public Account newAccount(String name) {
        String subject = UUID.randomUUID().toString();
        return accounts.signIn(new OidcIdentity("https://issuer.test", subject,
                name.toLowerCase().replace(' ', '.') + "-" + subject.substring(0, 8) + "@example.test", true, name));
    }

    /** A slug no other test uses. */
    public static String uniqueSlug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
