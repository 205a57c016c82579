package dev.atrium.admin.tenancy;

/** The workspace exists but its schema could not be brought up to date, so it is not served. */
public class TenantUnavailableException extends RuntimeException {
    public TenantUnavailableException(String slug) {
        super("The workspace \"" + slug + "\" is temporarily unavailable: its database upgrade failed.");
    }
}
