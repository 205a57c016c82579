package dev.atrium.admin.shell;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.audit.ui.AuditLogPanel;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/audit: the workspace's audit log; "not found" for roles that may not see it. Every visit is audited. */
@Route(value = "audit", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission(Permissions.AUDIT_VIEW)
@WorkspaceNav(label = "shell.nav.audit", icon = VaadinIcon.CLIPBOARD_TEXT, order = 400)
public class AuditLogView extends WorkspacePage implements HasDynamicTitle {

    private final AuditLogService audit;
    private final AccessControl access;

    public AuditLogView(AuditLogService audit, AccessControl access, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.audit = audit;
        this.access = access;
    }


    /** The visit is recorded before the log is read, so the log shows it too. */
    @Override
    protected void show(TenantScope scope) {
        audit.recordViewed(scope);
        add(new H1(getTranslation("shell.audit.title")), new AuditLogPanel(audit, access, scope));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("shell.audit.page-title");
    }
}
