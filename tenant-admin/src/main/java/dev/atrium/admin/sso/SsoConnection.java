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
     * Whether the identity provider that said who signs in (an OIDC issuer) is this connection's. The one place that
     * decides it, so that other protocols add their own issuer here (a SAML IdP's entity id).
     */
    public boolean isIssuer(String issuer) {
        return this.issuer.equals(issuer);
    }

    /** The id of the connection's client registration in Spring Security's sign-in flow. */
    public String registrationId() {
        return "sso-" + workspaceId;
    }
}
