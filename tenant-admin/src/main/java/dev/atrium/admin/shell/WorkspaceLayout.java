package dev.atrium.admin.shell;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.RoutePrefix;
import com.vaadin.flow.router.RouterLayout;

import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.security.CurrentAccount;
import jakarta.annotation.security.PermitAll;

/**
 * Every page under /w/{slug}: binds the workspace for this UI, once per navigation, or shows "not found" when the
 * signed-in account is not a member (the same answer as for a workspace that does not exist).
 */
@RoutePrefix("w/:" + WorkspaceLayout.SLUG)
@ParentLayout(MainLayout.class)
@PermitAll
public class WorkspaceLayout extends Div implements RouterLayout, BeforeEnterObserver {

    public static final String SLUG = "slug";

    private final TenantBinder binder;
    private final CurrentWorkspace currentWorkspace;
    private final CurrentAccount currentAccount;
    private final WorkspaceService workspaces;

    public WorkspaceLayout(TenantBinder binder, CurrentWorkspace currentWorkspace, CurrentAccount currentAccount,
            WorkspaceService workspaces) {
        this.binder = binder;
        this.currentWorkspace = currentWorkspace;
        this.currentAccount = currentAccount;
        this.workspaces = workspaces;
        addClassName("atrium-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getRouteParameters().get(SLUG).orElseThrow();
        try {
            TenantScope scope = binder.bind(currentAccount.id(), slug);
            currentWorkspace.bind(scope);
            workspaces.recordVisit(scope);
        } catch (TenantNotFoundException e) {
            event.rerouteToError(NotFoundException.class, Feedback.text(e));
        }
    }
}
