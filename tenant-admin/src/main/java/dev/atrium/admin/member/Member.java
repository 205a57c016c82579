package dev.atrium.admin.member;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A member of the workspace as the members grid shows them. */
public record Member(UUID accountId, String name, String email, UUID roleId, String roleName, boolean owner,
        OffsetDateTime joinedAt, OffsetDateTime lastActiveAt) {
}
