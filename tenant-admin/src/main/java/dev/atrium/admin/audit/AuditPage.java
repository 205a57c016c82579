package dev.atrium.admin.audit;

import java.util.List;

/** One page of the log, newest first, and whether there are older or newer events beyond it. */
public record AuditPage(List<AuditEvent> events, boolean hasOlder, boolean hasNewer) {

    /** The cursor for the next older page. */
    public Long oldestSeq() {
        return events.isEmpty() ? null : events.getLast().seq();
    }

    /** The cursor for the next newer page. */
    public Long newestSeq() {
        return events.isEmpty() ? null : events.getFirst().seq();
    }
}
