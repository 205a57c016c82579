package dev.atrium.admin.access;

/** The acting member's role does not hold the permission the operation needs. */
public class PermissionDeniedException extends RuntimeException {

    private final String permission;

    public PermissionDeniedException(String permission, String message) {
        super(message);
        this.permission = permission;
    }

    public String permission() {
        return permission;
    }
}
