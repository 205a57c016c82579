package dev.atrium.admin.workspace;

import java.time.OffsetDateTime;

/** What the workspace home page shows; read from the workspace's own schema. */
public record WorkspaceOverview(String name, String slug, long memberCount, OffsetDateTime createdAt, String yourRole) {
}
