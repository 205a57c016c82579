package dev.atrium.admin.sso;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A workspace's OIDC connection as admins see it. The client secret is never part of it: once saved it is only
 * replaced, never shown.
 */
public record SsoConnection(UUID id, UUID workspaceId, SsoPreset preset, String issuer, String clientId, List<String> scopes,
        UUID defaultRoleId, boolean enabled, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

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
