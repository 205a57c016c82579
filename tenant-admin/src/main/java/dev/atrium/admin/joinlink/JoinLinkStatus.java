package dev.atrium.admin.joinlink;

/** Whether a link can still be used, and if not, why. */
public enum JoinLinkStatus {
    ACTIVE, EXPIRED, USED_UP, REVOKED
}
