package dev.atrium.admin.role;

/** A role change the rules forbid or whose input is not acceptable; nothing was changed. */
public class RoleException extends RuntimeException {
    public RoleException(String message) {
        super(message);
    }
}
