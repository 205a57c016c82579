package dev.atrium.admin.audit;

/** The formats the audit log exports to. */
public enum AuditExportFormat {
    CSV("text/csv", "csv"), JSON_LINES("application/x-ndjson", "jsonl");

    private final String contentType;
    private final String extension;

    AuditExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }
}
