package dev.atrium.app.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;

import dev.atrium.admin.tenancy.TenantScope;

/**
 * A page of a workspace that only some roles may open: typing its URL without the permission shows "not found",
 * as for a workspace one is not a member of. WorkspaceLayout binds the workspace before this runs: Vaadin notifies
 * parent layouts before the view.
 */
abstract class WorkspacePage extends Div implements BeforeEnterObserver {

    private final CurrentWorkspace currentWorkspace;

    WorkspacePage(CurrentWorkspace currentWorkspace) {
        this.currentWorkspace = currentWorkspace;
    }

    /** Whether the acting member's role may open this page. */
    protected abstract boolean mayOpen(TenantScope scope);

    /** Builds the page's content for the bound workspace. */
    protected abstract void show(TenantScope scope);

    @Override
    public final void beforeEnter(BeforeEnterEvent event) {
        TenantScope scope = currentWorkspace.scope();
        if (!mayOpen(scope)) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        removeAll();
        show(scope);
    }
}
