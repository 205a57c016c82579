package dev.atrium.admin.sso;

import java.util.UUID;

/**
 * What an admin types to create or change the connection.
 *
 * @param clientSecret the new secret; blank keeps the stored one (required when the connection is created)
 * @param scopes space- or comma-separated; {@code openid} is added when missing
 */
public record SsoConnectionDraft(SsoPreset preset, String issuer, String clientId, String clientSecret, String scopes,
        UUID defaultRoleId) {
}
