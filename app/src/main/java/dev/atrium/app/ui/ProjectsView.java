package dev.atrium.app.ui;

import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.app.projects.ProjectPermissions;
import dev.atrium.app.projects.ProjectService;
import dev.atrium.app.projects.ui.ProjectsGrid;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/projects: the sample host's own feature; "not found" for roles without projects.view. */
@Route(value = "projects", layout = WorkspaceLayout.class)
@PermitAll
public class ProjectsView extends WorkspacePage implements HasDynamicTitle {

    private final ProjectService projects;
    private final AccessControl access;

    public ProjectsView(ProjectService projects, AccessControl access, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.projects = projects;
        this.access = access;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("projects.page.title");
    }

    @Override
    protected boolean mayOpen(TenantScope scope) {
        return access.has(scope, ProjectPermissions.PROJECTS_VIEW);
    }

    @Override
    protected void show(TenantScope scope) {
        add(new ProjectsGrid(projects, scope, access.has(scope, ProjectPermissions.PROJECTS_EDIT)));
    }
}
