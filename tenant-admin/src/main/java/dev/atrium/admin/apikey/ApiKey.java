package dev.atrium.admin.apikey;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An API key as admins see it (never its secret).
 *
 * @param expiresAt null when it never expires
 * @param lastUsedAt null when it was never used
 * @param reads how many read requests it made (they are counted, not audited one by one)
 * @param creatorCanStillGrant false when its creator left or can no longer give its role: every use is refused
 */
public record ApiKey(UUID id, String name, UUID roleId, String roleName, String createdBy, OffsetDateTime createdAt,
        @Nullable OffsetDateTime expiresAt, @Nullable OffsetDateTime lastUsedAt, long reads, ApiKeyStatus status,
        boolean creatorCanStillGrant) {
}
