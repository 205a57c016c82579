package dev.atrium.admin.shell;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;

import dev.atrium.admin.tenancy.TenantScope;

/**
 * A page of a workspace that only some roles may open, named on the page class with {@link PagePermission} (and put
 * into the navigation with {@link WorkspaceNav}): typing its URL without the permission shows "not found", as for a
 * workspace one is not a member of. A host's pages extend it the same way, with {@code @Route(value = "...", layout =
 * WorkspaceLayout.class)}. WorkspaceLayout binds the workspace before this runs: Vaadin notifies
 * parent layouts before the view.
 */
public abstract class WorkspacePage extends Div implements BeforeEnterObserver {

    private final CurrentWorkspace currentWorkspace;

    protected WorkspacePage(CurrentWorkspace currentWorkspace) {
        this.currentWorkspace = currentWorkspace;
        CurrentWorkspace.requiredPermissions(getClass());
    }

    /** Builds the page's content for the bound workspace. */
    protected abstract void show(TenantScope scope);

    @Override
    public final void beforeEnter(BeforeEnterEvent event) {
        TenantScope scope = currentWorkspace.scope();
        if (!currentWorkspace.mayOpen(getClass())) {
            event.rerouteToError(NotFoundException.class);
            return;
        }
        removeAll();
        show(scope);
    }
}
