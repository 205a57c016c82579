package dev.atrium.admin.shell;

import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionCatalog;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.role.ui.RolesGrid;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/roles: the workspace's roles and what each allows; "not found" for roles that may not see them. */
@Route(value = "roles", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission(Permissions.ROLES_VIEW)
@WorkspaceNav(label = "shell.nav.roles", icon = VaadinIcon.KEY, order = 300)
public class RolesView extends WorkspacePage implements HasDynamicTitle {

    private final RoleService roles;
    private final AccessControl access;
    private final PermissionCatalog catalog;

    public RolesView(RoleService roles, AccessControl access, PermissionCatalog catalog, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.roles = roles;
        this.access = access;
        this.catalog = catalog;
    }

    @Override
    protected void show(TenantScope scope) {
        add(new RolesGrid(roles, access, catalog, scope));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("shell.roles.page-title");
    }
}
