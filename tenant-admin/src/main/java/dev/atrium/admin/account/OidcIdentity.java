package dev.atrium.admin.account;

/** What an OpenID Connect ID token says about the person signing in. Issuer and subject identify them. */
public record OidcIdentity(String issuer, String subject, String email, boolean emailVerified, String displayName) {
}
