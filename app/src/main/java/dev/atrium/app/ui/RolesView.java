package dev.atrium.app.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.role.AccessControl;
import dev.atrium.admin.role.PermissionCatalog;
import dev.atrium.admin.role.Permissions;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.role.ui.RolesGrid;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/roles: the workspace's roles and what each allows; "not found" for roles that may not see them. */
@Route(value = "roles", layout = WorkspaceLayout.class)
@PageTitle("Roles · Atrium")
@PermitAll
public class RolesView extends Div implements BeforeEnterObserver {

    private final RoleService roles;
    private final AccessControl access;
    private final PermissionCatalog catalog;
    private final CurrentWorkspace currentWorkspace;

    public RolesView(RoleService roles, AccessControl access, PermissionCatalog catalog, CurrentWorkspace currentWorkspace) {
        this.roles = roles;
        this.access = access;
        this.catalog = catalog;
        this.currentWorkspace = currentWorkspace;
    }

    /** WorkspaceLayout's beforeEnter, which binds the workspace, runs first: parents are notified before the view. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        TenantScope scope = currentWorkspace.scope();
        if (!access.has(scope, Permissions.ROLES_VIEW)) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        removeAll();
        add(new RolesGrid(roles, access, catalog, scope));
    }
}
