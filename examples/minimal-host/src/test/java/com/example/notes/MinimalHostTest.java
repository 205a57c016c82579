package com.example.notes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;

import com.example.notes.NoteService.Note;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.server.VaadinServletContext;
import com.vaadin.flow.server.startup.ApplicationRouteRegistry;

import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.PermissionCatalog;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.jobs.ClusterJobs;
import dev.atrium.admin.shell.InvitationsView;
import dev.atrium.admin.shell.MainLayout;
import dev.atrium.admin.shell.MembersView;
import dev.atrium.admin.shell.PagePermission;
import dev.atrium.admin.shell.RolesView;
import dev.atrium.admin.shell.WorkspaceHomeView;
import dev.atrium.admin.shell.WorkspaceLayout;
import dev.atrium.admin.shell.WorkspaceNav;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The README's minimal host ({@link NotesHostTest}) through its services and registries: its table lives in each
 * workspace's schema, its service sees only the bound workspace, its page sits in Atrium's layout, and Atrium's jobs
 * run without the host asking.
 */
@NotesHostTest
class MinimalHostTest {

    @Autowired NoteService notes;
    @Autowired Workspaces workspaces;
    @Autowired PermissionCatalog catalog;
    @Autowired AuditLogService auditLog;
    @Autowired DSLContext platform;
    @Autowired I18NProvider translations;
    @Autowired WebApplicationContext context;

    @Test
    void eachWorkspaceGetsTheNoteTableInItsSchemaAndSeesOnlyItsOwnNotes() {
        Account owner = workspaces.person("Olga");
        TenantScope alpha = workspaces.create(owner, "Alpha");
        TenantScope beta = workspaces.create(owner, "Beta");

        Note note = notes.create(alpha, "  Kick-off   agenda ");

        assertThat(note.title()).isEqualTo("Kick-off agenda");
        assertThat(notes.list(alpha)).containsExactly(note);
        assertThat(notes.list(beta)).isEmpty();
        // Straight to the schemas, past the service: the row is in Alpha's table, and Beta has an (empty) table too.
        assertThat(platform.fetchCount(noteTableOf(alpha))).isOne();
        assertThat(platform.fetchCount(noteTableOf(beta))).isZero();
        assertThat(noteEvents(alpha)).singleElement().satisfies(event -> {
            assertThat(event.actorId()).isEqualTo(owner.id());
            assertThat(event.target().id()).isEqualTo(note.id().toString());
        });
        assertThat(noteEvents(beta)).isEmpty();
    }

    @Test
    void theHostsPermissionsAreInTheCatalogAndTheServiceChecksThem() {
        TenantScope workspace = workspaces.create(workspaces.person("Owen"), "Guarded");
        notes.create(workspace, "Existing");
        Account gus = workspaces.person("Gus");
        TenantScope guest = workspaces.join(workspace, gus.email(), gus.id(),
                workspaces.builtInRole(workspace, BuiltInRoles.GUEST));

        assertThat(catalog.find(NotePermissions.NOTES_VIEW)).isPresent();
        assertThat(catalog.find(NotePermissions.NOTES_EDIT)).isPresent();
        // The role editor shows them by their texts in the host's bundle, in both languages.
        for (Locale language : List.of(Locale.ENGLISH, Locale.GERMAN)) {
            assertThat(catalog.find(NotePermissions.NOTES_VIEW).orElseThrow().textKeys())
                    .allSatisfy(key -> assertThat(translations.getTranslation(key, language)).doesNotStartWith("!"));
        }
        assertThat(translations.getTranslation("permission.notes.view.description", Locale.ENGLISH))
                .isEqualTo("See the workspace's notes.");
        assertThat(notes.list(guest)).extracting(Note::title).containsExactly("Existing");
        assertThatThrownBy(() -> notes.create(guest, "Sneaky")).isInstanceOfSatisfying(PermissionDeniedException.class,
                e -> assertThat(e.permission()).isEqualTo(NotePermissions.NOTES_EDIT));
        assertThatThrownBy(() -> notes.create(workspace, "Pay\u202Eroll")).isInstanceOf(NoteService.TitleRefused.class)
                .hasMessage("note.title.invisible");
        assertThat(notes.list(workspace)).extracting(Note::title).containsExactly("Existing");
    }

    @Test
    void theNotesPageSitsInAtriumsWorkspaceLayoutNextToAtriumsOwnPages() {
        ApplicationRouteRegistry registry = ApplicationRouteRegistry.getInstance(
                new VaadinServletContext(context.getServletContext()));
        List<RouteData> routes = registry.getRegisteredRoutes();
        RouteData notesRoute = routes.stream().filter(route -> route.getNavigationTarget() == NotesView.class)
                .findFirst().orElseThrow();

        assertThat(notesRoute.getTemplate()).isEqualTo("w/:" + WorkspaceLayout.SLUG + "/notes");
        assertThat(notesRoute.getParentLayouts()).containsExactly(WorkspaceLayout.class, MainLayout.class);
        Set<Class<?>> targets = routes.stream().map(RouteData::getNavigationTarget).collect(Collectors.toSet());
        assertThat(targets).contains(WorkspaceHomeView.class, MembersView.class, InvitationsView.class, RolesView.class);
        // The layout's navigation lists registered routes marked @WorkspaceNav whose @PagePermission the member
        // holds, labelled from the bundles, where the host's texts are found.
        assertThat(NotesView.class.getAnnotation(PagePermission.class).value()).containsExactly(NotePermissions.NOTES_VIEW);
        String label = NotesView.class.getAnnotation(WorkspaceNav.class).label();
        assertThat(translations.getTranslation(label, Locale.ENGLISH)).isEqualTo("Notes");
        assertThat(translations.getTranslation(label, Locale.GERMAN)).isEqualTo("Notizen");
    }

    @Test
    void atriumsJobsAreScheduledWithoutTheHostEnablingScheduling() {
        ClusterJobs clusterJobs = context.getBean(ClusterJobs.class);

        assertThat(clusterJobs.isRunning()).isTrue();
        assertThat(clusterJobs.names()).contains("audit-purge", "invitation-mail-retry");
    }

    private static org.jooq.Table<?> noteTableOf(TenantScope scope) {
        return DSL.table(DSL.name(TenantProvisioner.schemaNameFor(scope.workspaceId()), "note"));
    }

    private List<AuditEvent> noteEvents(TenantScope scope) {
        return auditLog.page(scope, new AuditFilter(null, "note.", null, null, null, null), null, null, 50).events();
    }
}
