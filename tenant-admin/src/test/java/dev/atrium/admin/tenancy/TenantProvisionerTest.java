package dev.atrium.admin.tenancy;

import static dev.atrium.admin.tenancy.SchemaAssertions.schemaExists;
import static dev.atrium.admin.tenancy.SchemaAssertions.workspaceRegistered;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestAccounts;

@SpringBootTest
class TenantProvisionerTest {

    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired TenantDsl tenantDsl;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired DSLContext platform;
    @Autowired TestAccounts accounts;
    @Autowired TenantBinder binder;

    @Test
    void aChangesetFailingHalfWayLeavesNoSchemaAndRegistersNothing() {
        TenantProvisioner provisioner = provisionerWith("db/changelog/test/broken-tenant.xml");
        UUID workspaceId = UUID.randomUUID();
        UUID owner = accounts.newAccount("Ivan").id();

        assertThatThrownBy(() -> provisioner.provision(workspaceId, tenant -> register(workspaceId, owner)))
                .hasMessageContaining("no_such_function");

        assertThat(schemaExists(platform, TenantProvisioner.schemaNameFor(workspaceId))).isFalse();
        assertThat(workspaceRegistered(platform, workspaceId)).isFalse();
    }

    @Test
    void aFailingRegistrationRollsBackItsPlatformRowAndDropsTheSchema() {
        TenantProvisioner provisioner = provisionerWith(TenantMigrations.TENANT_CHANGELOG);
        UUID workspaceId = UUID.randomUUID();
        UUID owner = accounts.newAccount("Judy").id();

        assertThatThrownBy(() -> provisioner.provision(workspaceId, tenant -> {
            register(workspaceId, owner);
            throw new IllegalStateException("injected after the registry row was written");
        })).hasMessageContaining("injected");

        assertThat(workspaceRegistered(platform, workspaceId)).isFalse();
        assertThat(schemaExists(platform, TenantProvisioner.schemaNameFor(workspaceId))).isFalse();
    }

    @Test
    void onlyTheWorkspaceBeingCreatedIsBoundWithoutAMembershipAndOnlyInItsRegisterStep() {
        TenantProvisioner provisioner = provisionerWith(TenantMigrations.TENANT_CHANGELOG);
        UUID workspaceId = UUID.randomUUID();
        UUID owner = accounts.newAccount("Kim").id();
        Actor creator = new Actor.Member(owner);

        TenantScope bound = provisioner.provision(workspaceId, tenant -> {
            register(workspaceId, owner);
            assertThatThrownBy(() -> binder.bindBeingCreated(UUID.randomUUID(), "other", "Other", creator))
                    .as("another workspace").isInstanceOf(IllegalStateException.class);
            return binder.bindBeingCreated(workspaceId, "probe", "Probe", creator);
        });

        assertThat(bound.schemaName()).isEqualTo(TenantProvisioner.schemaNameFor(workspaceId));
        assertThatThrownBy(() -> binder.bindBeingCreated(workspaceId, "probe", "Probe", creator))
                .as("after it was created").isInstanceOf(IllegalStateException.class);
    }

    private Void register(UUID workspaceId, UUID owner) {
        platform.insertInto(WORKSPACE)
                .set(WORKSPACE.ID, workspaceId)
                .set(WORKSPACE.SLUG, TestAccounts.uniqueSlug("probe"))
                .set(WORKSPACE.NAME, "Probe")
                .set(WORKSPACE.SCHEMA_NAME, TenantProvisioner.schemaNameFor(workspaceId))
                .set(WORKSPACE.CREATED_BY, owner)
                .execute();
        return null;
    }

    private TenantProvisioner provisionerWith(String changelog) {
        return new TenantProvisioner(new SchemaMigrator(dataSource, resourceLoader, changelog), tenantDsl,
                new TransactionTemplate(transactionManager), platform);
    }
}
