package dev.atrium.admin.workspace;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * What the platform keeps of a deletion, also after the workspace's schema is gone.
 *
 * @param auditHeadHash the workspace's audit chain head (hex) right after its deletion event
 */
public record WorkspaceDeletionRecord(UUID workspaceId, String slug, String name, UUID deletedBy, String deletedByEmail,
        OffsetDateTime deletedAt, String auditHeadHash, @Nullable OffsetDateTime restoredAt, @Nullable OffsetDateTime purgedAt) {
}
