package dev.atrium.admin.workspace;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A deleted workspace its Owner can still restore, until {@code purgeAfter}. */
public record DeletedWorkspace(UUID id, String slug, String name, OffsetDateTime deletedAt, OffsetDateTime purgeAfter) {
}
