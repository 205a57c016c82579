package dev.atrium.admin.tenancy;

import dev.atrium.admin.refusal.AtriumRefusal;

/** No such workspace, or the account is not a member of it: deliberately the same answer. */
public class TenantNotFoundException extends AtriumRefusal {
    public TenantNotFoundException(String slug) {
        super("workspace.not-found", slug);
    }
}
