package dev.atrium.admin.member;

import java.time.OffsetDateTime;
import java.util.UUID;

import dev.atrium.admin.access.RoleSummary;

/** A member of the workspace as the members grid shows them. */
public record Member(UUID accountId, String name, String email, UUID roleId, String roleName, boolean owner,
        OffsetDateTime joinedAt, OffsetDateTime lastActiveAt) {

    /** This member as they are once given the role. */
    Member withRole(RoleSummary role) {
        return new Member(accountId, name, email, role.id(), role.name(), role.isOwner(), joinedAt, lastActiveAt);
    }
}
