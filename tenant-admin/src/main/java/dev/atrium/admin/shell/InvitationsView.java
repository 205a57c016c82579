package dev.atrium.admin.shell;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.invitation.BulkInvitationService;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.ui.BulkInviteDialog;
import dev.atrium.admin.invitation.ui.InvitationDaysSetting;
import dev.atrium.admin.invitation.ui.InvitationsGrid;
import dev.atrium.admin.invitation.ui.InviteDialog;
import dev.atrium.admin.invitation.ui.LatestBulkInvite;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/invitations: inviting people and following up on invitations; "not found" for roles that do neither. */
@Route(value = "invitations", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission({Permissions.MEMBERS_INVITE, Permissions.INVITATIONS_MANAGE})
@WorkspaceNav(label = "shell.nav.invitations", icon = VaadinIcon.ENVELOPE, order = 200)
public class InvitationsView extends WorkspacePage implements HasDynamicTitle {

    private final InvitationService invitations;
    private final BulkInvitationService bulkInvitations;
    private final RoleService roles;
    private final AccessControl access;

    public InvitationsView(InvitationService invitations, BulkInvitationService bulkInvitations, RoleService roles,
            AccessControl access, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.invitations = invitations;
        this.bulkInvitations = bulkInvitations;
        this.roles = roles;
        this.access = access;
    }

    @Override
    protected void show(TenantScope scope) {
        InvitationsGrid grid = new InvitationsGrid(invitations, access, scope);
        Div header = new Div(new H1(getTranslation("shell.invitations.title")));
        header.addClassName("atrium-page-header");
        if (access.has(scope, Permissions.MEMBERS_INVITE)) {
            Button invite = new Button(getTranslation("shell.invitations.invite"), VaadinIcon.PLUS.create(), e -> {
                InviteDialog dialog = new InviteDialog(invitations, roles, scope);
                dialog.addInvitedListener(invited -> grid.refresh());
                dialog.open();
            });
            invite.setId("invite-button");
            invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            LatestBulkInvite latestBulk = new LatestBulkInvite(bulkInvitations, scope);
            Button importCsv = new Button(getTranslation("bulk.import"), VaadinIcon.UPLOAD.create(), e -> {
                BulkInviteDialog dialog = new BulkInviteDialog(bulkInvitations, scope);
                dialog.addInvitedListener(invited -> {
                    grid.refresh();
                    latestBulk.refresh();
                });
                dialog.open();
            });
            importCsv.setId("bulk-import-button");
            header.add(importCsv, invite);
            add(header, latestBulk);
        } else {
            add(header);
        }
        add(grid, InvitationDaysSetting.expiry(invitations, access, scope),
                InvitationDaysSetting.reminder(invitations, access, scope));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("shell.invitations.page-title");
    }
}
