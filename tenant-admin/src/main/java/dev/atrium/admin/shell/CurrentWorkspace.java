package dev.atrium.admin.shell;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.tenancy.LogContext;
import dev.atrium.admin.tenancy.TenantScope;

/** The workspace this browser tab works in, bound by {@link WorkspaceLayout} on every navigation. */
public class CurrentWorkspace {

    private final AccessControl access;
    private TenantScope scope;

    CurrentWorkspace(AccessControl access) {
        this.access = access;
    }

    void bind(TenantScope scope) {
        this.scope = scope;
    }

    public TenantScope scope() {
        if (scope == null) {
            throw new IllegalStateException("No workspace is bound to this UI");
        }
        // Every request of the tab after the navigation that bound it: its log lines name the workspace too.
        LogContext.workspace(scope.workspaceId());
        return scope;
    }

    /** Whether the acting member may open {@code page} in the bound workspace: holds one of its {@link PagePermission}s. */
    public boolean mayOpen(Class<?> page) {
        return access.hasAny(scope(), requiredPermissions(page));
    }

    /** A workspace page without a declared permission is a mistake, reported at once instead of opening to everyone. */
    static String[] requiredPermissions(Class<?> page) {
        PagePermission permission = page.getAnnotation(PagePermission.class);
        if (permission == null || permission.value().length == 0) {
            throw new IllegalStateException(page.getName() + " is a WorkspacePage without @PagePermission");
        }
        return permission.value();
    }
}
