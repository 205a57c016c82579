package dev.atrium.admin.tenancy;

import static dev.atrium.admin.TestAccounts.uniqueSlug;
import static dev.atrium.admin.tenancy.SchemaAssertions.tableExists;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceSummary;

@SpringBootTest
class TenantMigrationsTest {

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired DSLContext platform;
    @Autowired TenantHealth health;
    @Autowired TenantBinder binder;
    @Autowired WorkspaceService workspaces;
    @Autowired TestAccounts accounts;

    @Test
    void startUpBringsEveryTenantToTheCurrentChangelogAndRefusesOneThatFails() {
        Account owner = accounts.newAccount("Mallory");
        List<WorkspaceSummary> tenants = IntStream.range(0, 5)
                .mapToObj(i -> workspaces.create(owner.id(), "Tenant " + i, uniqueSlug("tenant-" + i)))
                .toList();
        WorkspaceSummary broken = tenants.get(2);
        // Something already occupies the name the next release's changeset wants in this one tenant.
        platform.createTable(DSL.name(TenantProvisioner.schemaNameFor(broken.id()), "startup_probe"))
                .column("text_id", org.jooq.impl.SQLDataType.CLOB).execute();

        int failed = new TenantMigrations(new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG),
                new SchemaMigrator(dataSource, resourceLoader, "db/changelog/test/tenant-next-version.xml"),
                platform, health, 3).migrateAll();

        assertThat(failed).isOne();
        for (WorkspaceSummary tenant : tenants) {
            String schema = TenantProvisioner.schemaNameFor(tenant.id());
            assertThat(tableExists(platform, schema, "startup_probe")).isTrue();
            if (tenant.equals(broken)) {
                assertThat(health.isServed(tenant.id())).isFalse();
                assertThatThrownBy(() -> binder.bind(owner.id(), tenant.slug())).isInstanceOf(TenantUnavailableException.class);
            } else {
                assertThat(health.isServed(tenant.id())).isTrue();
                assertThat(binder.bind(owner.id(), tenant.slug()).workspaceId()).isEqualTo(tenant.id());
            }
        }
        assertThat(health.failures()).containsKey(broken.id());
        health.markServed(broken.id());
    }
}
