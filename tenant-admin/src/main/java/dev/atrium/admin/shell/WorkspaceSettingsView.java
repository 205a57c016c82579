package dev.atrium.admin.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.ui.RenameWorkspaceForm;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/settings: the workspace's own settings; "not found" for roles without workspace.settings. */
@Route(value = "settings", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission(Permissions.WORKSPACE_SETTINGS)
@WorkspaceNav(label = "shell.nav.settings", icon = VaadinIcon.COG, order = 500)
public class WorkspaceSettingsView extends WorkspacePage implements HasDynamicTitle {

    private final WorkspaceService workspaces;
    private final AccessControl access;

    public WorkspaceSettingsView(WorkspaceService workspaces, AccessControl access, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.workspaces = workspaces;
        this.access = access;
    }

    @Override
    protected void show(TenantScope scope) {
        RenameWorkspaceForm rename = new RenameWorkspaceForm(workspaces, scope);
        // Navigating again re-binds the workspace, so the header's switcher shows the new name.
        rename.addRenamedListener(e -> UI.getCurrent().navigate(WorkspaceSettingsView.class,
                new RouteParameters(WorkspaceLayout.SLUG, e.workspace().slug())));
        add(new H1(getTranslation("shell.settings.title")), rename);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("shell.settings.page-title");
    }
}
