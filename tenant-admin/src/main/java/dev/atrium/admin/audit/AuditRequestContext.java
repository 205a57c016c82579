package dev.atrium.admin.audit;

/** Where a change came from; the app provides it from the current HTTP request. */
@FunctionalInterface
public interface AuditRequestContext {

    Origin current();

    /** IP address, user agent and request id; any may be null (e.g. a scheduled job). */
    record Origin(String ipAddress, String userAgent, String requestId) {
        public static final Origin NONE = new Origin(null, null, null);
    }
}
