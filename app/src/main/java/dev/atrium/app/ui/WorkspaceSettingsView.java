package dev.atrium.app.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.router.PageTitle;
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
@PageTitle("Settings · Atrium")
@PermitAll
public class WorkspaceSettingsView extends WorkspacePage {

    private final WorkspaceService workspaces;
    private final AccessControl access;

    public WorkspaceSettingsView(WorkspaceService workspaces, AccessControl access, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.workspaces = workspaces;
        this.access = access;
    }

    @Override
    protected boolean mayOpen(TenantScope scope) {
        return access.has(scope, Permissions.WORKSPACE_SETTINGS);
    }

    @Override
    protected void show(TenantScope scope) {
        RenameWorkspaceForm rename = new RenameWorkspaceForm(workspaces, scope);
        // Navigating again re-binds the workspace, so the header's switcher shows the new name.
        rename.addRenamedListener(e -> UI.getCurrent().navigate(WorkspaceSettingsView.class,
                new RouteParameters(WorkspaceLayout.SLUG, e.workspace().slug())));
        add(new H1("Settings"), rename);
    }
}
