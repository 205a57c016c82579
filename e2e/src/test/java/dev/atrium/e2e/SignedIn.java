package dev.atrium.e2e;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.security.SignedInAccount;
import dev.atrium.admin.sso.SsoSession;

/**
 * Service calls made as a signed-in person of a page, as the services that read the signed-in session (the operator
 * page's) see them: the account as the session's principal, with the operator role or without.
 */
public final class SignedIn {

    private SignedIn() {
    }

    /** The work done by the account signed in as an operator; signed out afterwards. */
    public static <T> T asOperator(Account account, Supplier<T> work) {
        return as(account, true, work);
    }

    /** The work done by the account signed in as someone who is not an operator; signed out afterwards. */
    public static <T> T asNonOperator(Account account, Supplier<T> work) {
        return as(account, false, work);
    }

    private static <T> T as(Account account, boolean operator, Supplier<T> work) {
        SignedInAccount principal = new SignedInAccount() {
            @Override
            public UUID accountId() {
                return account.id();
            }

            @Override
            public String displayName() {
                return account.displayName();
            }

            @Override
            public String email() {
                return account.email();
            }

            @Override
            public Optional<SsoSession> sso() {
                return Optional.empty();
            }
        };
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(principal, "", operator ? "ROLE_OPERATOR" : "ROLE_USER"));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
