package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;

import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The one place a workspace is bound to a request or UI: by slug, for an account that is a member of it. */
@Component
public class TenantBinder {

    private final DSLContext platform;
    private final TenantHealth health;

    TenantBinder(DSLContext platform, TenantHealth health) {
        this.platform = platform;
        this.health = health;
    }

    /**
     * @throws TenantNotFoundException when there is no such workspace or the account is not its member
     * @throws TenantUnavailableException when the workspace's schema failed to migrate
     */
    public TenantScope bind(UUID accountId, String slug) {
        TenantScope scope = platform.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME, WORKSPACE.SCHEMA_NAME)
                .from(WORKSPACE)
                .join(WORKSPACE_MEMBERSHIP).on(WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(WORKSPACE.ID))
                .where(WORKSPACE.SLUG.eq(slug))
                .and(WORKSPACE_MEMBERSHIP.ACCOUNT_ID.eq(accountId))
                .fetchOptional(r -> new TenantScope(r.value1(), r.value2(), r.value3(), r.value4(), accountId))
                .orElseThrow(() -> new TenantNotFoundException(slug));
        if (!health.isServed(scope.workspaceId())) {
            throw new TenantUnavailableException(slug);
        }
        return scope;
    }
}
