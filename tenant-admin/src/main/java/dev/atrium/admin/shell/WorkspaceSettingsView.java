package dev.atrium.admin.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.ui.DomainsSection;
import dev.atrium.admin.invitation.PublicUrl;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.joinrequest.ui.JoinSettingSection;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.sso.SamlService;
import dev.atrium.admin.sso.SsoConnectionTests;
import dev.atrium.admin.sso.SsoPolicyService;
import dev.atrium.admin.sso.SsoService;
import dev.atrium.admin.sso.ui.SsoPolicySection;
import dev.atrium.admin.sso.ui.SsoSection;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceDeletionService;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.ui.DeleteWorkspaceDialog;
import dev.atrium.admin.workspace.ui.RenameWorkspaceForm;
import jakarta.annotation.security.PermitAll;

/**
 * /w/{slug}/settings: the workspace's own settings (workspace.settings), its domains and single sign-on
 * (workspace.manage_sso) with joining by domain; "not found" for roles with neither.
 */
@Route(value = "settings", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission({ Permissions.WORKSPACE_SETTINGS, Permissions.WORKSPACE_MANAGE_SSO })
@WorkspaceNav(label = "shell.nav.settings", icon = VaadinIcon.COG, order = 500)
public class WorkspaceSettingsView extends WorkspacePage implements HasDynamicTitle {

    private final WorkspaceService workspaces;
    private final AccessControl access;
    private final DomainService domains;
    private final SsoService sso;
    private final SamlService saml;
    private final SsoConnectionTests ssoTests;
    private final PublicUrl publicUrl;
    private final SsoPolicyService ssoPolicies;
    private final JoinRequestService joins;
    private final RoleService roles;
    private final WorkspaceDeletionService deletions;

    public WorkspaceSettingsView(WorkspaceService workspaces, AccessControl access, DomainService domains, SsoService sso,
            SamlService saml, SsoConnectionTests ssoTests, PublicUrl publicUrl, SsoPolicyService ssoPolicies,
            JoinRequestService joins, RoleService roles, WorkspaceDeletionService deletions, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.joins = joins;
        this.roles = roles;
        this.deletions = deletions;
        this.workspaces = workspaces;
        this.access = access;
        this.domains = domains;
        this.sso = sso;
        this.saml = saml;
        this.ssoTests = ssoTests;
        this.publicUrl = publicUrl;
        this.ssoPolicies = ssoPolicies;
    }

    @Override
    protected void show(TenantScope scope) {
        add(new H1(getTranslation("shell.settings.title")));
        if (access.has(scope, Permissions.WORKSPACE_SETTINGS)) {
            RenameWorkspaceForm rename = new RenameWorkspaceForm(workspaces, scope);
            // Navigating again re-binds the workspace, so the header's switcher shows the new name.
            rename.addRenamedListener(e -> UI.getCurrent().navigate(WorkspaceSettingsView.class,
                    new RouteParameters(WorkspaceLayout.SLUG, e.workspace().slug())));
            add(rename);
        }
        if (access.has(scope, Permissions.WORKSPACE_MANAGE_SSO)) {
            add(new DomainsSection(domains, scope), new SsoSection(sso, saml, ssoTests, scope, publicUrl));
            add(new SsoPolicySection(ssoPolicies, scope));
            add(new JoinSettingSection(joins, scope, roles.assignableRoles(scope)));
        }
        if (access.has(scope, Permissions.WORKSPACE_DELETE)) {
            Button delete = new Button(getTranslation("workspace.delete.open"), e -> {
                DeleteWorkspaceDialog dialog = new DeleteWorkspaceDialog(deletions, scope);
                // The deleted workspace is refused from now on: the root page lands on another one (or welcome).
                dialog.addDeletedListener(deleted -> UI.getCurrent().navigate(""));
                dialog.open();
            });
            delete.setId(DeleteWorkspaceDialog.OPEN_ID);
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            add(delete);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("shell.settings.page-title");
    }
}
