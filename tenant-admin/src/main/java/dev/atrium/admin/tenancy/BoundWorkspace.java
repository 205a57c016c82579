package dev.atrium.admin.tenancy;

import java.util.UUID;

/** The workspace a scope is bound to, as the binder read it from the registry. */
record BoundWorkspace(UUID id, String slug, String name, String schemaName) {
}
