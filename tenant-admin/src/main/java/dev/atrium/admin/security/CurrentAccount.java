package dev.atrium.admin.security;

import java.util.UUID;

import com.vaadin.flow.spring.security.AuthenticationContext;

/** The account of whoever is signed in to this UI. */
public class CurrentAccount {

    private final AuthenticationContext authentication;

    CurrentAccount(AuthenticationContext authentication) {
        this.authentication = authentication;
    }

    public SignedInAccount user() {
        return authentication.getAuthenticatedUser(SignedInAccount.class)
                .orElseThrow(() -> new IllegalStateException("No one is signed in"));
    }

    public UUID id() {
        return user().accountId();
    }

    public void signOut() {
        authentication.logout();
    }
}
