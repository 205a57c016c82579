package dev.atrium.admin.tenancy;

/** No such workspace, or the account is not a member of it: deliberately the same answer. */
public class TenantNotFoundException extends RuntimeException {
    public TenantNotFoundException(String slug) {
        super("No workspace \"" + slug + "\" is available to this account.");
    }
}
