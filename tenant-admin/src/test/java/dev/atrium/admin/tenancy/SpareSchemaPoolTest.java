package dev.atrium.admin.tenancy;

import static dev.atrium.admin.tenancy.SchemaAssertions.describe;
import static dev.atrium.admin.tenancy.SchemaAssertions.schemaExists;
import static dev.atrium.admin.tenancy.SchemaAssertions.tableExists;
import static dev.atrium.db.jooq.platform.Tables.SPARE_SCHEMA;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ResourceLoader;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.tenancy.TenantProvisioner.SpareRefill;
import dev.atrium.admin.workspace.TestWorkspaceServices;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceValidationException;
import dev.atrium.admin.workspace.WorkspaceSummary;

/**
 * Creating a workspace claims a spare schema from the pool when one is ready at the current changelog version: the
 * workspace is then the same as one whose schema the script or Liquibase made, workspaces created at once never share
 * a spare, and the refill keeps the pool full and current. The application's own pool is off in tests
 * ({@code atrium.tenants.spare-schemas=0}); each test makes provisioners with pools of their own, on a pool it empties.
 */
// Many workspaces of one owner in a short time: more than the rate limit allows a person.
@SpringBootTest(properties = "atrium.rate-limits.workspaces-per-account-per-day=100000")
class SpareSchemaPoolTest {

    private static final String NEXT_TENANT_RELEASE = "db/changelog/test/tenant-next-version.xml";
    private static final int THREADS = 8;
    private static final int ROUNDS = 3;

    @Autowired ApplicationContext context;
    @Autowired DataSource dataSource;
    @Autowired ResourceLoader resourceLoader;
    @Autowired TenantDsl tenantDsl;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired DSLContext platform;
    @Autowired TenantBinder binder;
    @Autowired TenantHealth health;
    @Autowired AuditLogService audit;
    @Autowired TestAccounts accounts;
    @Value("${atrium.tenants.host-changelog}") String hostChangelog;

    private SchemaMigrator current;

    @BeforeEach
    void emptyPool() {
        current = SchemaMigrator.forTenants(dataSource, resourceLoader, hostChangelog);
        SparePool.empty(platform);
    }

    @Test
    void aWorkspaceMadeFromASpareIsTheOneTheScriptAndLiquibaseMake() {
        TenantProvisioner pooled = provisioner(current, 1);
        assertThat(pooled.refillSpares()).isEqualTo(new SpareRefill(1, 0));
        String spare = SparePool.names(platform).getFirst();
        UUID owner = accounts.newAccount("Petra").id();

        TenantScope fromSpare = create(pooled, owner);
        TenantScope fromScript = create(provisioner(current, 0), owner);
        String byLiquibase = "lb_probe_" + Long.toHexString(System.nanoTime());
        try {
            current.update(byLiquibase);

            assertThat(SparePool.names(platform)).isEmpty();
            assertThat(schemaExists(platform, spare)).isFalse();
            List<String> expected = describe(platform, byLiquibase);
            assertThat(expected).anyMatch(line -> line.startsWith("trigger audit_event_no_update"))
                    .anyMatch(line -> line.startsWith("role owner Owner"))
                    .anyMatch(line -> line.startsWith("history create-host-note"));
            assertThat(describe(platform, fromSpare.schemaName())).containsExactlyElementsOf(expected)
                    .containsExactlyElementsOf(describe(platform, fromScript.schemaName()));
            // Nothing in it still names the spare: sequences, defaults and triggers follow the rename.
            assertThat(describe(platform, fromSpare.schemaName())).noneMatch(line -> line.contains(SpareSchemaRepository.PREFIX));
            assertThat(platform.fetchValue(WORKSPACE.CHANGELOG_VERSION, WORKSPACE.ID.eq(fromSpare.workspaceId())))
                    .isEqualTo(current.version());
            assertThat(audit.verify(fromSpare).intact()).isTrue();
            assertThat(audit.verify(fromSpare).checked()).isOne();
        } finally {
            platform.dropSchemaIfExists(DSL.name(byLiquibase)).cascade().execute();
        }
    }

    @Test
    void liquibaseFindsEveryChangesetOfAWorkspaceMadeFromASpareAppliedAndAppliesANewOneLater() throws Exception {
        TenantProvisioner pooled = provisioner(current, 1);
        pooled.refillSpares();
        TenantScope created = create(pooled, accounts.newAccount("Quentin").id());
        assertThat(SparePool.names(platform)).isEmpty();
        String schema = created.schemaName();
        assertThat(current.isUpToDate(platform, schema)).isTrue();
        int history = platform.fetchCount(DSL.table(DSL.name(schema, "databasechangelog")));

        current.update(schema);
        assertThat(platform.fetchCount(DSL.table(DSL.name(schema, "databasechangelog")))).isEqualTo(history);

        SchemaMigrator nextRelease = new SchemaMigrator(dataSource, resourceLoader, NEXT_TENANT_RELEASE, hostChangelog);
        assertThat(nextRelease.isUpToDate(platform, schema)).isFalse();
        nextRelease.migrate(schema);
        assertThat(tableExists(platform, schema, "startup_probe")).isTrue();
        assertThat(platform.fetchCount(DSL.table(DSL.name(schema, "databasechangelog")))).isEqualTo(history + 1);
        assertThat(audit.verify(created).intact()).isTrue();
    }

    /**
     * {@value #THREADS} creations released together on a pool of fewer spares: every creation succeeds with a schema of
     * its own; each spare goes to one creation only, and the others run the script.
     */
    @Test
    void creationsAtOnceEachClaimAnotherSpareOrRunTheScript() throws Exception {
        int spares = THREADS / 2 - 1;
        TenantProvisioner pooled = provisioner(current, spares);
        WorkspaceService workspaces = TestWorkspaceServices.withProvisioner(context, pooled);
        UUID owner = accounts.newAccount("Rosa").id();
        List<String> broken = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(THREADS)) {
            for (int round = 0; round < ROUNDS; round++) {
                pooled.refillSpares();
                List<String> pool = SparePool.names(platform);
                assertThat(pool).hasSize(spares);
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<WorkspaceSummary>> creations = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    creations.add(threads.submit(() -> {
                        start.await();
                        String slug = TestAccounts.uniqueSlug("pool");
                        return workspaces.create(owner, "Pool " + slug, slug);
                    }));
                }
                List<String> outcome = new ArrayList<>();
                Set<String> schemas = new HashSet<>();
                for (Future<WorkspaceSummary> creation : creations) {
                    try {
                        UUID id = creation.get().id();
                        schemas.add(platform.fetchValue(WORKSPACE.SCHEMA_NAME, WORKSPACE.ID.eq(id)));
                    } catch (Exception failed) {
                        outcome.add("failed: " + failed.getMessage());
                    }
                }
                schemas.stream().filter(schema -> !schemaExists(platform, schema)).forEach(schema -> outcome.add("no schema " + schema));
                if (schemas.size() != THREADS) {
                    outcome.add(schemas.size() + " schemas");
                }
                if (!SparePool.names(platform).isEmpty()) {
                    outcome.add("left in the pool: " + SparePool.names(platform));
                }
                pool.stream().filter(spare -> schemaExists(platform, spare)).forEach(spare -> outcome.add("spare not renamed " + spare));
                if (!outcome.isEmpty()) {
                    broken.add("round " + round + ": " + outcome);
                }
            }
        }
        assertThat(broken).as("%d of %d rounds broken", broken.size(), ROUNDS).isEmpty();
    }

    /** Two creations of one address at once on a pool of two: the refused one's spare goes back to the pool. */
    @Test
    void aCreationRefusedForATakenAddressPutsItsSpareBack() throws Exception {
        TenantProvisioner pooled = provisioner(current, 2);
        WorkspaceService workspaces = TestWorkspaceServices.withProvisioner(context, pooled);
        List<String> broken = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < ROUNDS; round++) {
                pooled.refillSpares();
                List<String> pool = SparePool.names(platform);
                String slug = TestAccounts.uniqueSlug("twice");
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<String>> creations = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    UUID owner = accounts.newAccount("Vera " + round + i).id();
                    creations.add(threads.submit(() -> {
                        start.await();
                        try {
                            workspaces.create(owner, "Twice", slug);
                            return "created";
                        } catch (WorkspaceValidationException refused) {
                            return refused.problems().getFirst().reason().code();
                        }
                    }));
                }
                List<String> outcomes = List.of(creations.get(0).get(), creations.get(1).get());
                List<String> left = SparePool.names(platform);
                // Whichever took which spare, one is still pooled and as it was: its schema exists under its name.
                if (!outcomes.containsAll(List.of("created", "workspace.slug.taken")) || left.size() != 1
                        || !pool.containsAll(left) || !schemaExists(platform, left.getFirst())) {
                    broken.add("round " + round + ": " + outcomes + ", pool " + pool + " -> " + left);
                }
            }
        }
        assertThat(broken).as("%d of %d rounds broken", broken.size(), ROUNDS).isEmpty();
    }

    @Test
    void theRefillTopsThePoolUpAndReplacesSparesOfAnotherVersion() {
        TenantProvisioner nextRelease = provisioner(new SchemaMigrator(dataSource, resourceLoader, NEXT_TENANT_RELEASE, hostChangelog), 2);
        assertThat(nextRelease.refillSpares()).isEqualTo(new SpareRefill(2, 0));
        List<String> outdated = SparePool.names(platform);
        assertThat(outdated).hasSize(2).allMatch(spare -> tableExists(platform, spare, "startup_probe"));
        TenantProvisioner pooled = provisioner(current, 3);

        // A creation passes over spares of another version and runs the script.
        TenantScope created = create(pooled, accounts.newAccount("Sven").id());
        assertThat(SparePool.names(platform)).isEqualTo(outdated);
        assertThat(tableExists(platform, created.schemaName(), "startup_probe")).isFalse();

        assertThat(pooled.refillSpares()).isEqualTo(new SpareRefill(3, 2));
        outdated.forEach(spare -> assertThat(schemaExists(platform, spare)).isFalse());
        List<String> pool = SparePool.names(platform);
        assertThat(pool).hasSize(3).doesNotContainAnyElementsOf(outdated)
                .allMatch(spare -> spare.startsWith(SpareSchemaRepository.PREFIX) && schemaExists(platform, spare));
        assertThat(platform.selectDistinct(SPARE_SCHEMA.CHANGELOG_VERSION).from(SPARE_SCHEMA)
                .fetch(SPARE_SCHEMA.CHANGELOG_VERSION)).containsExactly(current.version());

        // Full: nothing more to do; one claimed: one more.
        assertThat(pooled.refillSpares()).isEqualTo(new SpareRefill(0, 0));
        create(pooled, accounts.newAccount("Tilda").id());
        List<String> left = SparePool.names(platform);
        assertThat(left).hasSize(2);
        assertThat(pooled.refillSpares()).isEqualTo(new SpareRefill(1, 0));
        assertThat(SparePool.names(platform)).hasSize(3).containsAll(left);
    }

    @Test
    void theRefillDropsStraySparesAndAClaimPassesOverARowWhoseSchemaIsGone() {
        TenantProvisioner pooled = provisioner(current, 1);
        pooled.refillSpares();
        String gone = SparePool.names(platform).getFirst();
        platform.dropSchema(DSL.name(gone)).cascade().execute();
        String stray = SpareSchemaRepository.PREFIX + "stray" + Long.toHexString(System.nanoTime());
        platform.createSchema(DSL.name(stray)).execute();

        TenantScope created = create(pooled, accounts.newAccount("Ugo").id());
        assertThat(SparePool.names(platform)).containsExactly(gone);
        assertThat(tableExists(platform, created.schemaName(), "member")).isTrue();

        assertThat(pooled.refillSpares()).isEqualTo(new SpareRefill(1, 2));
        assertThat(schemaExists(platform, stray)).isFalse();
        assertThat(SparePool.names(platform)).hasSize(1).doesNotContain(gone);
    }

    @Test
    void sparesAreNoWorkspaces() {
        int workspaces = platform.fetchCount(WORKSPACE);
        provisioner(current, 2).refillSpares();
        List<String> pool = SparePool.names(platform);

        TenantMigrations startUp = new TenantMigrations(
                new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.PLATFORM_CHANGELOG), current, platform, health, 2);
        startUp.migrateAll();

        assertThat(platform.fetchCount(WORKSPACE)).isEqualTo(workspaces);
        assertThat(SparePool.names(platform)).isEqualTo(pool);
        pool.forEach(spare -> assertThat(schemaExists(platform, spare)).isTrue());
    }

    private TenantProvisioner provisioner(SchemaMigrator migrator, int spares) {
        return new TenantProvisioner(migrator, tenantDsl, new TransactionTemplate(transactionManager), platform, spares,
                TenantProvisioner.Steps.NONE);
    }

    private TenantScope create(TenantProvisioner provisioner, UUID owner) {
        String slug = TestAccounts.uniqueSlug("spare");
        TestWorkspaceServices.withProvisioner(context, provisioner).create(owner, "Spare " + slug, slug);
        return binder.bind(owner, slug);
    }
}
