package dev.atrium.admin.audit;

/** What an audit event is about: its kind, id and a human label at that moment. */
public record AuditTarget(String type, String id, String label) {
}
