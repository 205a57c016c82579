/**
 * The sample host's own feature, Projects: how a SaaS built on Atrium keeps its data in each workspace's schema.
 * The table comes from the host's tenant changelog ({@code atrium.tenants.host-changelog}), its jOOQ code is generated
 * from it at build time, and SQL reaches it through the workspace's tenant-bound {@code DSLContext}
 * ({@code TenantDsl.of(scope)}): no tenant id to filter by, no way to another workspace. The service checks the
 * host's own permissions ({@link dev.atrium.app.projects.ProjectPermissions}) and audits every change in its
 * transaction; views in {@code ui/} only hide what it would refuse.
 */
@NullMarked
package dev.atrium.app.projects;

import org.jspecify.annotations.NullMarked;
