package dev.atrium.app.projects.ui;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.shell.CurrentWorkspace;
import dev.atrium.admin.shell.PagePermission;
import dev.atrium.admin.shell.WorkspaceLayout;
import dev.atrium.admin.shell.WorkspaceNav;
import dev.atrium.admin.shell.WorkspacePage;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.app.projects.ProjectPermissions;
import dev.atrium.app.projects.ProjectService;
import jakarta.annotation.security.PermitAll;

/**
 * /w/{slug}/projects: the sample host's own feature inside Atrium's layout; its permission, declared once here,
 * decides both who may open it ("not found" for everyone else) and who sees its navigation entry.
 */
@Route(value = "projects", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission(ProjectPermissions.PROJECTS_VIEW)
@WorkspaceNav(label = "projects.nav", icon = VaadinIcon.FOLDER_O, order = 50)
public class ProjectsView extends WorkspacePage implements HasDynamicTitle {

    private final ProjectService projects;
    private final AccessControl access;

    public ProjectsView(ProjectService projects, AccessControl access, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.projects = projects;
        this.access = access;
    }

    @Override
    protected void show(TenantScope scope) {
        add(new ProjectsGrid(projects, scope, access.has(scope, ProjectPermissions.PROJECTS_EDIT)));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("projects.page.title");
    }
}
