package dev.atrium.admin.role;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.refusal.Reason;

/** A role change the rules forbid or whose input is not acceptable; nothing was changed. */
public class RoleException extends AtriumRefusal {

    /** What the refusal is about, so that an editor can show it next to that field. */
    public enum Field { NAME, DESCRIPTION, PERMISSIONS, ROLE }

    private final Field field;

    RoleException(Field field, String code, Object... args) {
        super(code, args);
        this.field = field;
    }

    RoleException(Field field, Reason reason) {
        super(reason);
        this.field = field;
    }

    public Field field() {
        return field;
    }
}
