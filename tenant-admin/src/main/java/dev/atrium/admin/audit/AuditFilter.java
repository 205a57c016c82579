package dev.atrium.admin.audit;

import java.time.OffsetDateTime;

import dev.atrium.admin.text.DisplayText;

/**
 * Narrows the audit log; every part may be null. {@code action} is an exact action or a group ending in a dot
 * ({@code member.}); {@code actor} and {@code target} match e-mail, name or label; {@code text} anything.
 */
public record AuditFilter(String actor, String action, String target, OffsetDateTime from, OffsetDateTime to, String text) {

    /** Longer text cannot be part of an address, a name or an action. */
    private static final int MAX_TEXT_LENGTH = 254;

    /** As typed into the audit page or the API: the database refuses NUL, so invisible characters are dropped. */
    public AuditFilter {
        actor = DisplayText.searchText(actor, MAX_TEXT_LENGTH);
        action = DisplayText.searchText(action, MAX_TEXT_LENGTH);
        target = DisplayText.searchText(target, MAX_TEXT_LENGTH);
        text = DisplayText.searchText(text, MAX_TEXT_LENGTH);
    }

    public static final AuditFilter NONE = new AuditFilter(null, null, null, null, null, null);
}
