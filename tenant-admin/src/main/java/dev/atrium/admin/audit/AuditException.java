package dev.atrium.admin.audit;

/** An audit request that cannot be carried out as asked; nothing was changed. */
public class AuditException extends RuntimeException {
    public AuditException(String message) {
        super(message);
    }
}
