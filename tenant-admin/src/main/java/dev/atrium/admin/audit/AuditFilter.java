package dev.atrium.admin.audit;

import java.time.OffsetDateTime;

/**
 * Narrows the audit log; every part may be null. {@code action} is an exact action or a group ending in a dot
 * ({@code member.}); {@code actor} and {@code target} match e-mail, name or label; {@code text} anything.
 */
public record AuditFilter(String actor, String action, String target, OffsetDateTime from, OffsetDateTime to, String text) {

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null, null);
}
