package dev.atrium.admin.role;

import dev.atrium.admin.access.RoleSummary;

/**
 * A row of the roles grid: the role, how many members hold it, how many invitations offer it, and how many of its join
 * links and API keys could still be used (deleting the role takes them along).
 */
public record RoleListing(RoleSummary role, int memberCount, int invitationCount, int activeJoinLinkCount,
        int activeApiKeyCount) {

    /** Properties the roles grid can sort by. */
    public static final String SORT_NAME = "name";
    public static final String SORT_MEMBERS = "members";

    /** Deleting the role must move its members and invitations to another role. */
    public boolean inUse() {
        return memberCount > 0 || invitationCount > 0;
    }
}
