package dev.atrium.admin.role;

import java.util.Set;

/** A custom role as the editor submits it. */
public record RoleDraft(String name, String description, Set<String> permissions) {

    public RoleDraft {
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }
}
