package dev.atrium.admin.apikey;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * An API key to create.
 *
 * @param expiryDays 1 to {@link ApiKeyService#MAX_EXPIRY_DAYS}; null for a key that never expires (Owners only)
 */
public record ApiKeyDraft(String name, UUID roleId, @Nullable Integer expiryDays) {
}
