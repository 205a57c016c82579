package dev.atrium.admin.role;

/** A role change the rules forbid or whose input is not acceptable; nothing was changed. */
public class RoleException extends RuntimeException {

    /** What the message is about, so that an editor can show it next to that field. */
    public enum Field { NAME, DESCRIPTION, PERMISSIONS, ROLE }

    private final Field field;

    public RoleException(Field field, String message) {
        super(message);
        this.field = field;
    }

    public Field field() {
        return field;
    }
}
