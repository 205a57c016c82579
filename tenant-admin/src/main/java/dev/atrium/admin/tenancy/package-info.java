/**
 * Schema-per-tenant: binding a workspace to a request once ({@link dev.atrium.admin.tenancy.TenantBinder} checks the
 * membership and gives a {@link dev.atrium.admin.tenancy.TenantScope}), SQL on that workspace's schema only
 * ({@link dev.atrium.admin.tenancy.TenantDsl}), provisioning a workspace's schema all or nothing, and migrating every
 * schema at start-up. Nothing else reaches a tenant's schema, and no code filters by tenant id.
 */
@NullMarked
package dev.atrium.admin.tenancy;

import org.jspecify.annotations.NullMarked;
