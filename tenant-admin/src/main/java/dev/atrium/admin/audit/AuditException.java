package dev.atrium.admin.audit;

import dev.atrium.admin.refusal.AtriumRefusal;

/** An audit request that cannot be carried out as asked; nothing was changed. */
public class AuditException extends AtriumRefusal {
    AuditException(String code, Object... args) {
        super(code, args);
    }
}
