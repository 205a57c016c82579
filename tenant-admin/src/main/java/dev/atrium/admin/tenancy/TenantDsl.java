package dev.atrium.admin.tenancy;

import java.time.Duration;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.atrium.db.jooq.tenant.Tenant;

/**
 * SQL on one workspace's schema: generated code names the template schema {@code tenant}, and jOOQ's render mapping
 * writes the workspace's schema in its place. The mapping is by schema name, so it covers a host application's own
 * tables too when their code is generated from its tenant changelog into a schema named {@code tenant} (see the
 * {@code app} module). Each context shares the application's connections and Spring transactions.
 */
@Component
public class TenantDsl {

    static final String TEMPLATE_SCHEMA = Tenant.TENANT.getName();

    private final DSLContext platform;
    private final Cache<UUID, DSLContext> byWorkspace = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    TenantDsl(DSLContext platform) {
        this.platform = platform;
    }

    /** SQL on the bound workspace; only the binder binds, so there is no way to name another schema. */
    public DSLContext of(WorkspaceBinding binding) {
        return forSchema(binding.workspaceId(), binding.schemaName());
    }

    DSLContext forSchema(UUID workspaceId, String schemaName) {
        return byWorkspace.get(workspaceId, id -> {
            Settings settings = SettingsTools.clone(platform.settings()).withRenderMapping(new RenderMapping()
                    .withSchemata(new MappedSchema().withInput(TEMPLATE_SCHEMA).withOutput(schemaName)));
            return DSL.using(platform.configuration().derive(settings));
        });
    }

    void forget(UUID workspaceId) {
        byWorkspace.invalidate(workspaceId);
    }
}
