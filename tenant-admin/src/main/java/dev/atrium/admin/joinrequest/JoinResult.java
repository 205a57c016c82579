package dev.atrium.admin.joinrequest;

/** What asking to join did: a request waits for an admin, or the person joined (automatic mode). */
public enum JoinResult {
    REQUESTED,
    JOINED
}
