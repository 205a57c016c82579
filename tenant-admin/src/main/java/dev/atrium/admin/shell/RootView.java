package dev.atrium.admin.shell;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.security.CurrentAccount;
import jakarta.annotation.security.PermitAll;

/** "/": the last active workspace, else the first one, else "Create your first workspace". */
@Route("")
@PermitAll
public class RootView extends Div implements BeforeEnterObserver {

    private final WorkspaceService workspaces;
    private final CurrentAccount currentAccount;

    public RootView(WorkspaceService workspaces, CurrentAccount currentAccount) {
        this.workspaces = workspaces;
        this.currentAccount = currentAccount;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        workspaces.landingWorkspace(currentAccount.id()).ifPresentOrElse(
                workspace -> event.forwardTo(WorkspaceHomeView.class, new RouteParameters(WorkspaceLayout.SLUG, workspace.slug())),
                () -> event.forwardTo(WelcomeView.class));
    }
}
