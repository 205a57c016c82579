package dev.atrium.admin.shell;

import org.springframework.beans.factory.ObjectProvider;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Formats;
import dev.atrium.admin.workspace.WorkspaceOverview;
import dev.atrium.admin.workspace.WorkspaceService;
import jakarta.annotation.security.PermitAll;

/**
 * A workspace's home: its name, member count and creation date, read from the workspace's own schema, and the host
 * application's cards ({@link WorkspaceHomeCard} beans, e.g. a summary of its own data in the same schema).
 */
@Route(value = "", layout = WorkspaceLayout.class)
@PermitAll
public class WorkspaceHomeView extends Div implements AfterNavigationObserver, HasDynamicTitle {

    private final WorkspaceService workspaces;
    private final CurrentWorkspace currentWorkspace;
    private final ObjectProvider<WorkspaceHomeCard> cards;
    private String title = "Atrium";

    public WorkspaceHomeView(WorkspaceService workspaces, CurrentWorkspace currentWorkspace,
            ObjectProvider<WorkspaceHomeCard> cards) {
        this.workspaces = workspaces;
        this.currentWorkspace = currentWorkspace;
        this.cards = cards;
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        TenantScope scope = currentWorkspace.scope();
        WorkspaceOverview overview = workspaces.overview(scope);
        title = getTranslation("shell.home.page-title", overview.name());
        removeAll();
        H1 name = new H1(overview.name());
        name.setId("workspace-title");
        Div facts = new Div(
                fact(getTranslation("shell.home.members"), String.valueOf(overview.memberCount()), "workspace-member-count"),
                fact(getTranslation("shell.home.your-role"), overview.yourRole(), "workspace-your-role"),
                fact(getTranslation("shell.home.created"), Formats.date(overview.createdAt()), "workspace-created"),
                fact(getTranslation("shell.home.address"), "/w/" + overview.slug(), "workspace-address"));
        facts.addClassName("atrium-facts");
        add(name, facts);
        cards.orderedStream().forEach(card -> card.card(scope).ifPresent(this::add));
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
