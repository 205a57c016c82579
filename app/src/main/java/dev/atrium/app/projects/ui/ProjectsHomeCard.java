package dev.atrium.app.projects.ui;

import java.util.Optional;

import org.springframework.stereotype.Component;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.shell.WorkspaceHomeCard;
import dev.atrium.admin.shell.WorkspaceLayout;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.app.projects.ProjectPermissions;
import dev.atrium.app.projects.ProjectService;

/** The projects card on a workspace's home: the host's own data, for roles holding {@code projects.view}. */
@Component
class ProjectsHomeCard implements WorkspaceHomeCard {

    private final ProjectService projects;
    private final AccessControl access;

    ProjectsHomeCard(ProjectService projects, AccessControl access) {
        this.projects = projects;
        this.access = access;
    }

    @Override
    public Optional<com.vaadin.flow.component.Component> card(TenantScope scope) {
        if (!access.has(scope, ProjectPermissions.PROJECTS_VIEW)) {
            return Optional.empty();
        }
        Span label = new Span(I18NProvider.translate("projects.card.title"));
        label.addClassName("atrium-fact-label");
        Span count = new Span(String.valueOf(projects.count(scope)));
        count.addClassName("atrium-fact-value");
        count.setId("workspace-project-count");
        RouterLink open = new RouterLink(I18NProvider.translate("projects.card.open"), ProjectsView.class,
                new RouteParameters(WorkspaceLayout.SLUG, scope.slug()));
        open.setId("open-projects");
        Div card = new Div(label, new Div(count), open);
        card.setId("sample-projects");
        card.addClassNames("atrium-fact", "atrium-sample-projects");
        return Optional.of(card);
    }
}
