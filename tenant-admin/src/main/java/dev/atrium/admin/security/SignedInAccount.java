package dev.atrium.admin.security;

import java.util.Optional;
import java.util.UUID;

import dev.atrium.admin.sso.SsoSession;

/**
 * Whoever is signed in, however they signed in (the app-wide OIDC providers, a workspace's OIDC or SAML connection):
 * the principal of every Atrium session.
 */
public interface SignedInAccount {

    UUID accountId();

    String displayName();

    String email();

    /** The workspace connection the session was opened through; empty for the app-wide providers. */
    Optional<SsoSession> sso();
}
