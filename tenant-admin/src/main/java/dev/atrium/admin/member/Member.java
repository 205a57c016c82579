package dev.atrium.admin.member;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.atrium.admin.access.RoleSummary;

/**
 * A member of the workspace as the members grid shows them. Times are instants: a grid keeps its loaded rows for as
 * long as the page shows, and an {@code OffsetDateTime} is four objects where an instant is one.
 */
public record Member(UUID accountId, String name, String email, UUID roleId, String roleName, boolean owner,
        Instant joinedAt, @Nullable Instant lastActiveAt) {

    /** This member as they are once given the role. */
    Member withRole(RoleSummary role) {
        return new Member(accountId, name, email, role.id(), role.name(), role.isOwner(), joinedAt, lastActiveAt);
    }
}
