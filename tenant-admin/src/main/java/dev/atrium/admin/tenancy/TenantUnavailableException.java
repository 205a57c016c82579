package dev.atrium.admin.tenancy;

import dev.atrium.admin.refusal.AtriumRefusal;

/** The workspace exists but its schema could not be brought up to date, so it is not served. */
public class TenantUnavailableException extends AtriumRefusal {
    public TenantUnavailableException(String slug) {
        super("workspace.unavailable", slug);
    }
}
