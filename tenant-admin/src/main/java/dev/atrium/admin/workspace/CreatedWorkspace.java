package dev.atrium.admin.workspace;

import java.util.UUID;

/** A workspace created for an owner named by e-mail, with that owner's account. */
public record CreatedWorkspace(WorkspaceSummary workspace, UUID ownerAccountId) {
}
