package dev.atrium.app.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.audit.ui.AuditLogPanel;
import dev.atrium.admin.role.AccessControl;
import dev.atrium.admin.role.Permissions;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/audit: the workspace's audit log; "not found" for roles that may not see it. Every visit is audited. */
@Route(value = "audit", layout = WorkspaceLayout.class)
@PageTitle("Audit log · Atrium")
@PermitAll
public class AuditLogView extends Div implements BeforeEnterObserver, AfterNavigationObserver {

    private final AuditLogService audit;
    private final AccessControl access;
    private final CurrentWorkspace currentWorkspace;

    public AuditLogView(AuditLogService audit, AccessControl access, CurrentWorkspace currentWorkspace) {
        this.audit = audit;
        this.access = access;
        this.currentWorkspace = currentWorkspace;
    }

    /** WorkspaceLayout's beforeEnter, which binds the workspace, runs first: parents are notified before the view. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!access.has(currentWorkspace.scope(), Permissions.AUDIT_VIEW)) {
            event.rerouteToError(NotFoundException.class);
        }
    }

    /** Only a completed navigation counts as a view; recorded first, so the log shows this visit too. */
    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        TenantScope scope = currentWorkspace.scope();
        audit.recordViewed(scope);
        removeAll();
        add(new H1("Audit log"), new AuditLogPanel(audit, access, scope));
    }
}
