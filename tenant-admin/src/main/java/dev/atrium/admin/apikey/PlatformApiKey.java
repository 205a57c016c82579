package dev.atrium.admin.apikey;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A platform API key as operators see it (never its secret): it belongs to no workspace and may only create
 * workspaces through the REST API.
 *
 * @param createdBy the creating operator's name
 * @param expiresAt null when it never expires
 * @param lastUsedAt null when it was never used
 */
public record PlatformApiKey(UUID id, String name, String createdBy, OffsetDateTime createdAt, @Nullable OffsetDateTime expiresAt,
        @Nullable OffsetDateTime lastUsedAt, ApiKeyStatus status) {
}
