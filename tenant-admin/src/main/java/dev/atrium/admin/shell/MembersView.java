package dev.atrium.admin.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.ui.PendingInvitationsGrid;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.joinrequest.ui.JoinRequestsSection;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.member.ui.LeaveWorkspaceButton;
import dev.atrium.admin.member.ui.MembersGrid;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;

/**
 * /w/{slug}/members: the workspace's members, the pending invitations for those who may see invitations, and join
 * requests waiting for members who may invite; "not found" for roles that may not see members.
 */
@Route(value = "members", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission(Permissions.MEMBERS_VIEW)
@WorkspaceNav(label = "shell.nav.members", icon = VaadinIcon.USERS, order = 100)
public class MembersView extends WorkspacePage implements HasDynamicTitle {

    private final MemberService members;
    private final RoleService roles;
    private final AccessControl access;
    private final InvitationService invitations;
    private final JoinRequestService joins;

    public MembersView(MemberService members, RoleService roles, AccessControl access, InvitationService invitations,
            JoinRequestService joins, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.invitations = invitations;
        this.joins = joins;
        this.members = members;
        this.roles = roles;
        this.access = access;
    }

    @Override
    protected void show(TenantScope scope) {
        LeaveWorkspaceButton leave = new LeaveWorkspaceButton(members, scope);
        leave.addLeftListener(e -> UI.getCurrent().navigate(RootView.class));
        Div header = new Div(new H1(getTranslation("shell.members.title")), leave);
        header.addClassName("atrium-page-header");
        add(header);
        if (access.has(scope, Permissions.MEMBERS_INVITE)) {
            add(new JoinRequestsSection(joins, scope, roles.assignableRoles(scope)));
        }
        MembersGrid grid = new MembersGrid(members, roles, access, scope);
        add(grid);
        // People invited but not joined yet are listed with the members, for those who may see invitations.
        if (access.hasAny(scope, Permissions.MEMBERS_INVITE, Permissions.INVITATIONS_MANAGE)) {
            PendingInvitationsGrid pending = new PendingInvitationsGrid(invitations, access, scope);
            grid.addSearchListener(pending::filterBy);
            add(pending);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("shell.members.page-title");
    }
}
