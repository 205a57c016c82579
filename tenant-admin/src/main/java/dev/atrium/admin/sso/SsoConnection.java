package dev.atrium.admin.sso;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A workspace's connection as admins see it. The client secret and the SAML private key are never part of it: once
 * saved they are only replaced, never shown. For SAML, {@code issuer} is the IdP's entity id, {@code clientId} is empty
 * and {@code scopes} has none; {@code saml} holds the rest.
 */
public record SsoConnection(UUID id, UUID workspaceId, SsoPreset preset, String issuer, String clientId, List<String> scopes,
        UUID defaultRoleId, boolean enabled, OffsetDateTime createdAt, OffsetDateTime updatedAt, SsoProtocol protocol,
        @Nullable SamlSettings saml) {

    /**
     * Whether the identity provider that said who signs in is this connection's: an OIDC issuer, or a SAML IdP's
     * entity id (which a SAML connection keeps as its issuer).
     */
    public boolean isIssuer(String issuer) {
        return this.issuer.equals(issuer);
    }

    /**
     * The issuer the connection's sign-ins are kept under as account identities. An OIDC issuer proves itself (its
     * tokens are checked against the keys its own discovery document names), so its subjects are the same people in
     * every workspace. A SAML entity id proves nothing: it is whatever the workspace's admin entered, trusted through the
     * certificate the same admin gave. So a SAML identity counts only in its own workspace, and another workspace's
     * connection that copies the entity id finds none of its people.
     */
    public String identityIssuer() {
        return protocol == SsoProtocol.SAML ? "saml:" + workspaceId + ":" + issuer : issuer;
    }

    /**
     * Whether sign-ins must carry an {@code hd} claim naming one of the workspace's verified domains: Google Workspace
     * over OIDC (SAML has no such claim; Google's SAML apps assert only their own domains' addresses).
     */
    public boolean requiresHostedDomain() {
        return protocol == SsoProtocol.OIDC && preset.requiresHostedDomain();
    }

    /** The id of the connection's client registration in Spring Security's sign-in flow. */
    public String registrationId() {
        return "sso-" + workspaceId;
    }
}
