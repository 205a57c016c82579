package dev.atrium.admin.invitation;

import java.util.UUID;

import dev.atrium.admin.access.RoleSummary;

/**
 * A pending invitation that a join through the workspace's single sign-on connection consumes: its role, and whether
 * its inviter may still grant that role (as accepting the link would require).
 */
public record PendingInvitation(UUID id, String email, RoleSummary role, boolean inviterMayGrant) {
}
