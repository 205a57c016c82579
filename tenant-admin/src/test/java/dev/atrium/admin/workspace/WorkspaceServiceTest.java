package dev.atrium.admin.workspace;

import static dev.atrium.admin.TestAccounts.uniqueSlug;
import static dev.atrium.admin.tenancy.SchemaAssertions.schemaExists;
import static dev.atrium.admin.tenancy.SchemaAssertions.schemasNamedLike;
import static dev.atrium.admin.tenancy.SchemaAssertions.workspaceRegistered;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceNames.Field;
import dev.atrium.admin.workspace.WorkspaceNames.FieldProblem;
import dev.atrium.admin.workspace.WorkspaceNames.Field;

@SpringBootTest
class WorkspaceServiceTest {

    @Autowired WorkspaceService workspaces;
    @Autowired TenantBinder binder;
    @Autowired TestAccounts accounts;
    @Autowired DSLContext platform;
    @Autowired TestWorkspaces teams;
    @Autowired AuditLogService audit;

    @Test
    void creatingAWorkspaceProvisionsItsSchemaAndMakesTheCreatorOwner() {
        Account alice = accounts.newAccount("Alice");
        String slug = uniqueSlug("acme");

        WorkspaceSummary created = workspaces.create(alice.id(), "  Acme   Corp ", slug);

        assertThat(created.name()).isEqualTo("Acme Corp");
        assertThat(schemaExists(platform, TenantProvisioner.schemaNameFor(created.id()))).isTrue();
        TenantScope scope = binder.bind(alice.id(), slug);
        WorkspaceOverview overview = workspaces.overview(scope);
        assertThat(overview.name()).isEqualTo("Acme Corp");
        assertThat(overview.memberCount()).isEqualTo(1);
        assertThat(overview.yourRole()).isEqualTo("Owner");
        assertThat(workspaces.workspacesOf(alice.id())).containsExactly(created);
    }

    @Test
    void invalidNamesAreRefusedWithAMessageAndCreateNothing() {
        Account bob = accounts.newAccount("Bob");
        long before = platform.fetchCount(WORKSPACE);

        assertProblem(() -> workspaces.create(bob.id(), "   ", uniqueSlug("blank")), Field.NAME, "workspace.name.missing");
        assertProblem(() -> workspaces.create(bob.id(), "n".repeat(101), uniqueSlug("long")), Field.NAME, "workspace.name.too-long");
        assertProblem(() -> workspaces.create(bob.id(), "Reserved", "invite"), Field.SLUG, "workspace.slug.reserved");

        assertThat(platform.fetchCount(WORKSPACE)).isEqualTo(before);
        assertThat(workspaces.workspacesOf(bob.id())).isEmpty();
    }

    @Test
    void aDuplicateNameWhoseSlugCollidesIsRefusedAndTheFirstWorkspaceIsUntouched() {
        Account carol = accounts.newAccount("Carol");
        Account dave = accounts.newAccount("Dave");
        String slug = uniqueSlug("globex");
        WorkspaceSummary first = workspaces.create(carol.id(), "Globex", slug);

        assertProblem(() -> workspaces.create(dave.id(), "Globex", slug), Field.SLUG, "workspace.slug.taken");

        assertThat(workspaces.workspacesOf(dave.id())).isEmpty();
        assertThat(platform.fetchCount(WORKSPACE, WORKSPACE.SLUG.eq(slug))).isOne();
        assertThat(workspaces.overview(binder.bind(carol.id(), slug)).memberCount()).isOne();
        assertThat(first.slug()).isEqualTo(slug);
    }

    @Test
    void unicodeNamesAreKeptAsTyped() {
        Account erin = accounts.newAccount("Erin");
        WorkspaceSummary created = workspaces.create(erin.id(), "Café Ünïcode 日本", uniqueSlug("cafe-unicode"));
        assertThat(workspaces.overview(binder.bind(erin.id(), created.slug())).name()).isEqualTo("Café Ünïcode 日本");
    }

    @Test
    void aFailureAfterTheSchemaWasMigratedLeavesNoSchemaAndNoRegistryRow() {
        UUID nobody = UUID.randomUUID();
        String slug = uniqueSlug("orphan");
        int schemasBefore = schemasNamedLike(platform, "ws_");

        // The registration step fails in the middle of provisioning: the owner account does not exist.
        assertThatThrownBy(() -> workspaces.create(nobody, "Orphan", slug)).isInstanceOf(RuntimeException.class);

        assertThat(platform.fetchExists(WORKSPACE, WORKSPACE.SLUG.eq(slug))).isFalse();
        assertThat(schemasNamedLike(platform, "ws_")).isEqualTo(schemasBefore);
    }

    @Test
    void twoTenantsDataNeverMeet() {
        Account frank = accounts.newAccount("Frank");
        Account grace = accounts.newAccount("Grace");
        WorkspaceSummary franks = workspaces.create(frank.id(), "Frank's", uniqueSlug("franks"));
        WorkspaceSummary graces = workspaces.create(grace.id(), "Grace's", uniqueSlug("graces"));

        assertThatThrownBy(() -> binder.bind(frank.id(), graces.slug())).isInstanceOf(TenantNotFoundException.class);
        assertThatThrownBy(() -> binder.bind(grace.id(), franks.slug())).isInstanceOf(TenantNotFoundException.class);
        assertThatThrownBy(() -> binder.bind(frank.id(), "no-such-workspace")).isInstanceOf(TenantNotFoundException.class)
                .satisfies(Refusals.reason("workspace.not-found", "no-such-workspace"));
        assertThat(workspaces.workspacesOf(frank.id())).containsExactly(franks);
        assertThat(workspaces.overview(binder.bind(frank.id(), franks.slug())).name()).isEqualTo("Frank's");
        assertThat(workspaceRegistered(platform, graces.id())).isTrue();
    }

    @Test
    void theLastVisitedWorkspaceIsWhereTheNextSignInLands() {
        Account heidi = accounts.newAccount("Heidi");
        WorkspaceSummary alpha = workspaces.create(heidi.id(), "Alpha", uniqueSlug("alpha"));
        WorkspaceSummary beta = workspaces.create(heidi.id(), "Beta", uniqueSlug("beta"));
        assertThat(workspaces.landingWorkspace(heidi.id())).contains(alpha);

        workspaces.recordVisit(binder.bind(heidi.id(), beta.slug()));

        assertThat(workspaces.landingWorkspace(heidi.id())).contains(beta);
    }

    @Test
    void anOwnerRenamesTheWorkspaceKeepingItsAddressAndAMemberMayNot() {
        TenantScope owner = teams.newWorkspace("Rhea");
        TenantScope member = teams.join(owner, "Mo", "member");

        WorkspaceSummary renamed = workspaces.rename(owner, "  Rhea's   Renamed Team ");

        assertThat(renamed.name()).isEqualTo("Rhea's Renamed Team");
        assertThat(renamed.slug()).isEqualTo(owner.slug());
        assertThat(workspaces.workspacesOf(owner.accountId())).containsExactly(renamed);
        assertProblem(() -> workspaces.rename(owner, " "), Field.NAME, "workspace.name.missing");
        assertThatThrownBy(() -> workspaces.rename(member, "Mine now")).isInstanceOf(PermissionDeniedException.class);
        AuditEvent event = audit.page(owner, AuditFilter.NONE, null, null, 1).events().getFirst();
        assertThat(event.action()).isEqualTo(AuditActions.WORKSPACE_RENAMED);
        assertThat(event.before()).contains(owner.workspaceName());
        assertThat(event.after()).contains("Rhea's Renamed Team");
    }

    private static void assertProblem(Runnable call, Field field, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(WorkspaceValidationException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.field()).isEqualTo(field);
                    assertThat(p.reason().code()).isEqualTo(code);
                }));
    }

    @Test
    void anOwnerEmailThatIsNoAddressIsRefusedAsSuchWithoutLookingItUpOrEchoingIt() {
        Actor.ApiKey platformKey = new Actor.ApiKey(UUID.randomUUID(), "Provisioning", UUID.randomUUID());

        for (String ownerEmail : List.of("ada\0@example.com", "a".repeat(5000) + "@example.com", "not an address")) {
            assertThatThrownBy(() -> workspaces.createFor(platformKey, "Acme", uniqueSlug("acme"), ownerEmail))
                    .isInstanceOfSatisfying(WorkspaceValidationException.class, refused -> assertThat(refused.problems())
                            .containsExactly(new FieldProblem(Field.OWNER, Reason.of("workspace.owner.invalid"))));
        }
    }
}
