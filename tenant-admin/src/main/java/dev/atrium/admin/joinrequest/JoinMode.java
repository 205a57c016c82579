package dev.atrium.admin.joinrequest;

/** How people of the workspace's verified domains join it. */
public enum JoinMode {
    /** They are not shown the workspace (the default). */
    OFF,
    /** They ask; a member who may invite approves with a role or denies. */
    REQUEST,
    /** They join at once with the default role, while the admin who chose it may still grant it. */
    AUTOMATIC
}
