package dev.atrium.admin.sso;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a workspace's identity provider said about the person signing in through its connection, after the protocol's
 * own checks passed (OIDC: ID token signature, nonce; SAML: signature, audience, recipient, time window, replay).
 *
 * @param issuer the OIDC issuer or the SAML IdP's entity id; must be the connection's
 * @param subject the OIDC {@code sub} or the SAML NameID: with {@code issuer}, the identity's key
 * @param hostedDomain Google's {@code hd} claim, if any
 * @param groups the values of the connection's group claim or attribute, if any
 * @param authenticationMethods what the IdP says about how the person authenticated: OIDC {@code amr} values and the
 *        {@code acr}; SAML {@code AuthnContextClassRef}
 */
public record SsoIdentity(String issuer, String subject, String email, boolean emailVerified, @Nullable String displayName,
        @Nullable String hostedDomain, List<String> groups, List<String> authenticationMethods) {

    public SsoIdentity {
        groups = List.copyOf(groups);
        authenticationMethods = List.copyOf(authenticationMethods);
    }
}
