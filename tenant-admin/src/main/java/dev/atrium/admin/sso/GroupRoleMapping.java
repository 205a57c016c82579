package dev.atrium.admin.sso;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A group value and the role its members get at sign-in, with the admin who configured it: it never grants more than
 * they may grant at the moment it is applied.
 */
public record GroupRoleMapping(UUID id, String group, UUID roleId, String roleName, UUID configuredBy, String configuredByName,
        OffsetDateTime configuredAt) {
}
