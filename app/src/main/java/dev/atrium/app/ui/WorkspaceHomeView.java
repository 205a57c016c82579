package dev.atrium.app.ui;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceOverview;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.app.projects.ProjectPermissions;
import dev.atrium.app.projects.ProjectService;
import jakarta.annotation.security.PermitAll;

/**
 * A workspace's home: its name, member count and creation date, read from the workspace's own schema, and the sample
 * host's projects card (its own data, in the same schema) for roles holding {@code projects.view}.
 */
@Route(value = "", layout = WorkspaceLayout.class)
@PermitAll
public class WorkspaceHomeView extends Div implements AfterNavigationObserver, HasDynamicTitle {

    private final WorkspaceService workspaces;
    private final CurrentWorkspace currentWorkspace;
    private final AccessControl access;
    private final ProjectService projects;
    private String title = "Atrium";

    public WorkspaceHomeView(WorkspaceService workspaces, CurrentWorkspace currentWorkspace, AccessControl access,
            ProjectService projects) {
        this.workspaces = workspaces;
        this.currentWorkspace = currentWorkspace;
        this.access = access;
        this.projects = projects;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        TenantScope scope = currentWorkspace.scope();
        WorkspaceOverview overview = workspaces.overview(scope);
        title = overview.name() + " · Atrium";
        removeAll();
        H1 name = new H1(overview.name());
        name.setId("workspace-title");
        Div facts = new Div(
                fact("Members", String.valueOf(overview.memberCount()), "workspace-member-count"),
                fact("Your role", overview.yourRole(), "workspace-your-role"),
                fact("Created", overview.createdAt().format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                        .withLocale(Locale.getDefault())), "workspace-created"),
                fact("Address", "/w/" + overview.slug(), "workspace-address"));
        facts.addClassName("atrium-facts");
        add(name, facts);
        if (access.has(scope, ProjectPermissions.PROJECTS_VIEW)) {
            add(projectsCard(scope));
        }
    }

    /** The host application's own feature, guarded by the permission it contributed to the catalog. */
    private Div projectsCard(TenantScope scope) {
        Span label = new Span("Projects");
        label.addClassName("atrium-fact-label");
        Span count = new Span(String.valueOf(projects.count(scope)));
        count.addClassName("atrium-fact-value");
        count.setId("workspace-project-count");
        RouterLink open = new RouterLink("Open projects", ProjectsView.class,
                new RouteParameters(WorkspaceLayout.SLUG, scope.slug()));
        open.setId("open-projects");
        Div card = new Div(label, new Div(count), open);
        card.setId("sample-projects");
        card.addClassNames("atrium-fact", "atrium-sample-projects");
        return card;
    }

    private static Div fact(String label, String value, String id) {
        Span labelSpan = new Span(label);
        labelSpan.addClassName("atrium-fact-label");
        Span valueSpan = new Span(value);
        valueSpan.addClassName("atrium-fact-value");
        valueSpan.setId(id);
        Div fact = new Div(labelSpan, new Div(valueSpan));
        fact.addClassName("atrium-fact");
        return fact;
    }

    @Override
    public String getPageTitle() {
        return title;
    }
}
