package dev.atrium.admin.workspace;

import java.util.UUID;

/** A workspace as the switcher lists it. */
public record WorkspaceSummary(UUID id, String slug, String name) {
}
