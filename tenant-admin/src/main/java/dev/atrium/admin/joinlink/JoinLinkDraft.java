package dev.atrium.admin.joinlink;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A join link to create.
 *
 * @param expiryDays 1 to 30
 * @param maxUses null for no limit; otherwise at least 1
 * @param allowedDomains as typed: domains separated by commas, semicolons or spaces, each optionally with a leading
 *        {@code @}; blank for any address
 */
public record JoinLinkDraft(UUID roleId, int expiryDays, @Nullable Integer maxUses, String allowedDomains) {
}
