package dev.atrium.admin.joinlink;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A join link as admins see it (never its token).
 *
 * @param maxUses null when any number of people may use it until it expires
 * @param allowedDomains the domains a joining address must be at; empty when any address may join
 * @param creatorCanStillGrant false when its creator left or can no longer grant the role: the link refuses every use
 */
public record JoinLink(UUID id, UUID roleId, String roleName, String createdBy, OffsetDateTime createdAt, OffsetDateTime expiresAt,
        @Nullable Integer maxUses, int uses, List<String> allowedDomains, JoinLinkStatus status, boolean creatorCanStillGrant) {

    /** Uses left, or null when the number is not limited. */
    public @Nullable Integer remainingUses() {
        return maxUses == null ? null : Math.max(0, maxUses - uses);
    }
}
