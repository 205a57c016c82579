package dev.atrium.admin.role;

/** A row of the roles grid: the role and how many members hold it. */
public record RoleListing(RoleSummary role, int memberCount) {

    /** Properties the roles grid can sort by. */
    public static final String SORT_NAME = "name";
    public static final String SORT_MEMBERS = "members";
}
