package dev.atrium.app.ui;

import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceOverview;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.app.sample.SamplePermissions;
import jakarta.annotation.security.PermitAll;

/**
 * A workspace's home: its name, member count and creation date, read from the workspace's own schema, and the sample
 * application's reports card for roles holding its permission.
 */
@Route(value = "", layout = WorkspaceLayout.class)
@PermitAll
public class WorkspaceHomeView extends Div implements AfterNavigationObserver, HasDynamicTitle {

    private final WorkspaceService workspaces;
    private final CurrentWorkspace currentWorkspace;
    private final AccessControl access;
    private String title = "Atrium";

    public WorkspaceHomeView(WorkspaceService workspaces, CurrentWorkspace currentWorkspace, AccessControl access) {
        this.workspaces = workspaces;
        this.currentWorkspace = currentWorkspace;
        this.access = access;
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
        if (access.has(scope, SamplePermissions.REPORTS_VIEW)) {
            add(sampleReports());
        }
    }

    /** The host application's own feature, guarded by the permission it contributed to the catalog. */
    private static Div sampleReports() {
        Span label = new Span("Reports");
        label.addClassName("atrium-fact-label");
        Div reports = new Div(label, new Paragraph("Reports — the host application's own feature, shown because your role holds "
                + SamplePermissions.REPORTS_VIEW + "."));
        reports.setId("sample-reports");
        reports.addClassNames("atrium-fact", "atrium-sample-reports");
        return reports;
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
