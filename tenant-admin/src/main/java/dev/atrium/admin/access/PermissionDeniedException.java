package dev.atrium.admin.access;

import dev.atrium.admin.refusal.AtriumRefusal;

/** The acting member's role does not hold the permission the operation needs. */
public class PermissionDeniedException extends AtriumRefusal {

    /** The permission named when the actor is no (longer a) member at all. */
    public static final String MEMBERSHIP = "membership";

    private final String permission;

    /**
     * @param permission the permission (or {@link #MEMBERSHIP}, {@link AccessControl#SYSTEM}) that was missing
     * @param code the refusal's code, e.g. {@code access.denied}
     */
    public PermissionDeniedException(String permission, String code, Object... args) {
        super(code, args);
        this.permission = permission;
    }

    /** The actor is not (or no longer) a member of the workspace. */
    public static PermissionDeniedException noLongerMember() {
        return new PermissionDeniedException(MEMBERSHIP, "access.no-longer-member");
    }

    public String permission() {
        return permission;
    }
}
