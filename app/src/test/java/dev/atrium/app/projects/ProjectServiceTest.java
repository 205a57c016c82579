package dev.atrium.app.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.app.AtriumAppTest;

/** The sample host's projects on real PostgreSQL: per-workspace, permission-checked, audited, validated. */
@AtriumAppTest
class ProjectServiceTest {

    private static final PageRequest ALL = new PageRequest(0, 100, List.of());

    @Autowired ProjectService projects;
    @Autowired AccountService accounts;
    @Autowired WorkspaceService workspaces;
    @Autowired InvitationService invitations;
    @Autowired RoleService roles;
    @Autowired TenantBinder binder;
    @Autowired AuditLogService auditLog;
    @Autowired DSLContext platform;

    @Test
    void twoWorkspacesOfOnePersonNeverShareProjectsNorReachEachOthersById() {
        Account owner = newAccount("Olga");
        TenantScope alpha = newWorkspace(owner, "Alpha");
        TenantScope beta = newWorkspace(owner, "Beta");

        Project apollo = projects.create(alpha, "Apollo");

        assertThat(projects.page(alpha, ALL)).extracting(Project::name).containsExactly("Apollo");
        assertThat(projects.page(beta, ALL)).isEmpty();
        assertThat(projects.count(beta)).isZero();
        assertThat(platform.fetchCount(DSL.table(DSL.name(TenantProvisioner.schemaNameFor(alpha.workspaceId()), "project")))).isOne();
        assertThat(platform.fetchCount(DSL.table(DSL.name(TenantProvisioner.schemaNameFor(beta.workspaceId()), "project")))).isZero();
        assertThatThrownBy(() -> projects.rename(beta, apollo.id(), "Hijacked"))
                .isInstanceOfSatisfying(ProjectException.class, e -> assertThat(e.code()).isEqualTo(ProjectException.NOT_FOUND));
        assertThatThrownBy(() -> projects.delete(beta, apollo.id()))
                .isInstanceOfSatisfying(ProjectException.class, e -> assertThat(e.code()).isEqualTo(ProjectException.NOT_FOUND));
        assertThat(projects.page(alpha, ALL)).extracting(Project::name).containsExactly("Apollo");
        assertThat(projectEvents(beta)).isEmpty();
    }

    @Test
    void aMemberSeesProjectsButTheServiceRefusesTheirChangesAndStoresNothing() {
        Account owner = newAccount("Owen");
        TenantScope workspace = newWorkspace(owner, "Guarded");
        Project existing = projects.create(workspace, "Existing");
        // The built-in Member role holds projects.view but not projects.edit.
        TenantScope member = join(workspace, "Mo", BuiltInRoles.MEMBER);

        assertThat(projects.page(member, ALL)).extracting(Project::name).containsExactly("Existing");
        assertThatThrownBy(() -> projects.create(member, "Sneaky"))
                .isInstanceOfSatisfying(PermissionDeniedException.class,
                        e -> assertThat(e.permission()).isEqualTo(ProjectPermissions.PROJECTS_EDIT));
        assertThatThrownBy(() -> projects.rename(member, existing.id(), "Renamed")).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> projects.delete(member, existing.id())).isInstanceOf(PermissionDeniedException.class);

        assertThat(projects.page(workspace, ALL)).extracting(Project::name).containsExactly("Existing");
        assertThat(projectEvents(workspace)).extracting(AuditEvent::action).containsExactly(ProjectService.PROJECT_CREATED);
    }

    @Test
    void aMemberWithoutProjectsViewIsRefusedReading() {
        Account owner = newAccount("Vera");
        TenantScope workspace = newWorkspace(owner, "Hidden");
        UUID blind = roles.create(workspace, new dev.atrium.admin.role.RoleDraft("Blind", "", java.util.Set.of())).id();
        TenantScope member = joinWithRole(workspace, "Bea", blind);

        assertThatThrownBy(() -> projects.page(member, ALL)).isInstanceOfSatisfying(PermissionDeniedException.class,
                e -> assertThat(e.permission()).isEqualTo(ProjectPermissions.PROJECTS_VIEW));
        assertThatThrownBy(() -> projects.count(member)).isInstanceOf(PermissionDeniedException.class);
    }

    @Test
    void everyChangeIsAuditedWithItsBeforeAndAfter() {
        TenantScope workspace = newWorkspace(newAccount("Ada"), "Audited");

        Project project = projects.create(workspace, "  Big   plan ");
        projects.rename(workspace, project.id(), "Bigger plan");
        projects.delete(workspace, project.id());

        assertThat(project.name()).isEqualTo("Big plan");
        List<AuditEvent> events = projectEvents(workspace).reversed();
        assertThat(events).extracting(AuditEvent::action).containsExactly(ProjectService.PROJECT_CREATED,
                ProjectService.PROJECT_RENAMED, ProjectService.PROJECT_DELETED);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.actorId()).isEqualTo(workspace.accountId());
            assertThat(e.target().id()).isEqualTo(project.id().toString());
        });
        assertThat(events.get(0).after()).contains("Big plan");
        assertThat(events.get(1).before()).contains("Big plan");
        assertThat(events.get(1).after()).contains("Bigger plan");
        assertThat(events.get(2).before()).contains("Bigger plan");
        assertThat(projects.count(workspace)).isZero();
    }

    @Test
    void namesFollowAtriumsTextRulesAndARefusedNameStoresNothing() {
        TenantScope workspace = newWorkspace(newAccount("Nina"), "Named");

        assertThatThrownBy(() -> projects.create(workspace, "   "))
                .isInstanceOfSatisfying(ProjectException.class, e -> assertThat(e.code()).isEqualTo(ProjectException.NAME_MISSING));
        assertThatThrownBy(() -> projects.create(workspace, "Pay\u202Eroll"))
                .isInstanceOfSatisfying(ProjectException.class, e -> assertThat(e.code()).isEqualTo("project.name.invisible"));
        assertThatThrownBy(() -> projects.create(workspace, "x".repeat(ProjectService.MAX_NAME_LENGTH + 1)))
                .isInstanceOfSatisfying(ProjectException.class, e -> assertThat(e.reason()).isEqualTo(Reason.of("project.name.too-long", ProjectService.MAX_NAME_LENGTH)));
        Project kept = projects.create(workspace, "Kept");
        assertThatThrownBy(() -> projects.rename(workspace, kept.id(), "Nul\u0000name")).isInstanceOf(ProjectException.class);

        assertThat(projects.page(workspace, ALL)).extracting(Project::name).containsExactly("Kept");
        assertThat(projectEvents(workspace)).hasSize(1);
    }

    @Test
    void pagesAreSortedAndCutInSql() {
        TenantScope workspace = newWorkspace(newAccount("Pia"), "Paged");
        for (String name : List.of("Delta", "Alpha", "Echo", "Bravo", "Charlie")) {
            projects.create(workspace, name);
        }

        assertThat(projects.page(workspace, new PageRequest(1, 2, List.of(new PageRequest.SortBy(Project.SORT_NAME, false)))))
                .extracting(Project::name).containsExactly("Delta", "Charlie");
        assertThat(projects.page(workspace, new PageRequest(0, 2, List.of(new PageRequest.SortBy(Project.SORT_CREATED, true)))))
                .extracting(Project::name).containsExactly("Delta", "Alpha");
        assertThat(projects.count(workspace)).isEqualTo(5);
        assertThatThrownBy(() -> projects.page(workspace, new PageRequest(0, 2, List.of(new PageRequest.SortBy("created_by", true)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Two renames of one project at the same moment: each audits the name it replaced, so the log reads as one
     * sequence (original → first → second), never two events replacing the original.
     */
    @Test
    void concurrentRenamesAuditTheNameEachOneReplaced() throws Exception {
        TenantScope workspace = newWorkspace(newAccount("Rita"), "Raced");
        int races = 40;
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < races; i++) {
                Project project = projects.create(workspace, "Race " + i);
                CyclicBarrier barrier = new CyclicBarrier(2);
                List<Future<Project>> renames = new ArrayList<>();
                for (String suffix : List.of("left", "right")) {
                    renames.add(pool.submit(() -> {
                        barrier.await();
                        return projects.rename(workspace, project.id(), "Race " + suffix);
                    }));
                }
                for (Future<Project> rename : renames) {
                    rename.get();
                }
            }
        }
        List<AuditEvent> renamed = projectEvents(workspace).stream()
                .filter(e -> e.action().equals(ProjectService.PROJECT_RENAMED)).toList().reversed();
        assertThat(renamed).hasSize(2 * races);
        for (int i = 0; i < races; i++) {
            AuditEvent first = renamed.get(2 * i);
            AuditEvent second = renamed.get(2 * i + 1);
            assertThat(first.before()).contains("Race " + i + "\"");
            assertThat(second.before()).isEqualTo(first.after());
        }
    }

    private List<AuditEvent> projectEvents(TenantScope scope) {
        return auditLog.page(scope, new AuditFilter(null, "project.", null, null, null, null), null, null, 200).events();
    }

    private Account newAccount(String name) {
        String subject = UUID.randomUUID().toString();
        return accounts.signIn(new OidcIdentity("https://issuer.test", subject,
                name.toLowerCase() + "-" + subject.substring(0, 8) + "@example.test", true, name));
    }

    private TenantScope newWorkspace(Account owner, String name) {
        String slug = name.toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        workspaces.create(owner.id(), name, slug);
        return binder.bind(owner.id(), slug);
    }

    private TenantScope join(TenantScope owner, String name, String roleKey) {
        return joinWithRole(owner, name, roles.roles(owner).stream().filter(r -> r.key().equals(roleKey)).findFirst().orElseThrow().id());
    }

    /** Invited and accepted, the way people join; the link is made as for a request to localhost. */
    private TenantScope joinWithRole(TenantScope owner, String name, UUID roleId) {
        Account person = newAccount(name);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        try {
            String link = invitations.invite(owner, person.email(), roleId, Locale.ENGLISH).invited().getFirst().link();
            invitations.accept(link.substring(link.lastIndexOf('/') + 1), person.id());
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        return binder.bind(person.id(), owner.slug());
    }
}
