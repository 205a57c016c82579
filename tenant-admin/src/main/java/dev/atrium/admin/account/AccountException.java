package dev.atrium.admin.account;

import dev.atrium.admin.refusal.AtriumRefusal;

/**
 * A sign-in refused because of what the identity provider said about the person, e.g.
 * {@code account.identity-unreadable}; no account was created or changed.
 */
public class AccountException extends AtriumRefusal {

    AccountException(String code, Object... args) {
        super(code, args);
    }
}
