package dev.atrium.admin.shell;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.ParentLayout;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.RoutePrefix;
import com.vaadin.flow.router.RouterLayout;
import com.vaadin.flow.server.VaadinSession;

import dev.atrium.admin.security.SignedInAccount;
import dev.atrium.admin.sso.SsoEntry;
import dev.atrium.admin.sso.SsoEntryFacts;
import dev.atrium.admin.sso.SsoPolicyService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.security.CurrentAccount;
import jakarta.annotation.security.PermitAll;

/**
 * Every page under /w/{slug}: binds the workspace for this UI, once per navigation, or shows "not found" when the
 * signed-in account is not a member (the same answer as for a workspace that does not exist). A member whom the
 * workspace's SSO policies stop with this session ({@link SsoPolicyService#entry}) is forwarded to the page in
 * between ({@link SsoRequiredView}) instead.
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
    private final SsoPolicyService ssoPolicies;

    public WorkspaceLayout(TenantBinder binder, CurrentWorkspace currentWorkspace, CurrentAccount currentAccount,
            WorkspaceService workspaces, SsoPolicyService ssoPolicies) {
        this.binder = binder;
        this.currentWorkspace = currentWorkspace;
        this.currentAccount = currentAccount;
        this.workspaces = workspaces;
        this.ssoPolicies = ssoPolicies;
        addClassName("atrium-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getRouteParameters().get(SLUG).orElseThrow();
        try {
            TenantScope scope = binder.bind(currentAccount.id(), slug);
            SignedInAccount user = currentAccount.user();
            SsoEntry entry = ssoPolicies.entry(scope, new SsoEntryFacts(user.email(), user.sso().orElse(null),
                    VaadinSession.getCurrent().getSession().getId()));
            if (entry == SsoEntry.SSO_REQUIRED || entry == SsoEntry.MFA_REQUIRED) {
                event.forwardTo("sso/" + slug + "/required", entry == SsoEntry.MFA_REQUIRED
                        ? QueryParameters.of(SsoRequiredView.STEP_UP, SsoRequiredView.MFA) : QueryParameters.empty());
                return;
            }
            currentWorkspace.bind(scope);
            workspaces.recordVisit(scope);
        } catch (TenantNotFoundException e) {
            event.rerouteToError(NotFoundException.class, Feedback.text(e));
        }
    }
}
