/**
 * Schema-per-tenant: binding a workspace to its {@link dev.atrium.admin.tenancy.Actor} once
 * ({@link dev.atrium.admin.tenancy.TenantBinder} checks a member's membership and gives a
 * {@link dev.atrium.admin.tenancy.TenantScope}; the system's scopes and an invitee's
 * {@link dev.atrium.admin.tenancy.InviteeScope} are for the services doing that work only), SQL on that workspace's schema only
 * ({@link dev.atrium.admin.tenancy.TenantDsl}), provisioning a workspace's schema all or nothing (from a pool of spare
 * schemas made ahead when there is one), and migrating every schema at start-up. Nothing else reaches a tenant's schema, and no code filters by tenant id.
 */
@NullMarked
package dev.atrium.admin.tenancy;

import org.jspecify.annotations.NullMarked;
