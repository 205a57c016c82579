package dev.atrium.admin.security;

import java.io.Serializable;
import java.util.Optional;
import java.util.UUID;

import dev.atrium.admin.account.Account;
import dev.atrium.admin.sso.SsoSession;

/** A person signed in through a workspace's SAML connection: the principal of their session. */
public record SamlAccount(UUID accountId, String displayName, String email, SsoSession session)
        implements SignedInAccount, Serializable {

    SamlAccount(Account account, SsoSession session) {
        this(account.id(), account.displayName(), account.email(), session);
    }

    @Override
    public Optional<SsoSession> sso() {
        return Optional.of(session);
    }
}
