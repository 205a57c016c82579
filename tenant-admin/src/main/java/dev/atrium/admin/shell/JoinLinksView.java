package dev.atrium.admin.shell;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.joinlink.ui.CreateJoinLinkDialog;
import dev.atrium.admin.joinlink.ui.JoinLinkCreatedDialog;
import dev.atrium.admin.joinlink.ui.JoinLinksGrid;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import jakarta.annotation.security.PermitAll;

/** /w/{slug}/join-links: shareable links that let people join with a role; "not found" for roles that can neither invite nor manage invitations. */
@Route(value = "join-links", layout = WorkspaceLayout.class)
@PermitAll
@PagePermission({Permissions.MEMBERS_INVITE, Permissions.INVITATIONS_MANAGE})
@WorkspaceNav(label = "joinlink.nav", icon = VaadinIcon.LINK, order = 210)
public class JoinLinksView extends WorkspacePage implements HasDynamicTitle {

    public static final String CREATE_ID = "create-join-link";

    private final JoinLinkService joinLinks;
    private final RoleService roles;
    private final AccessControl access;

    public JoinLinksView(JoinLinkService joinLinks, RoleService roles, AccessControl access, CurrentWorkspace currentWorkspace) {
        super(currentWorkspace);
        this.joinLinks = joinLinks;
        this.roles = roles;
        this.access = access;
    }

    @Override
    protected void show(TenantScope scope) {
        JoinLinksGrid grid = new JoinLinksGrid(joinLinks, scope);
        Div header = new Div(new H1(getTranslation("joinlink.page.title")));
        header.addClassName("atrium-page-header");
        if (access.has(scope, Permissions.MEMBERS_INVITE)) {
            Button create = new Button(getTranslation("joinlink.page.create"), VaadinIcon.PLUS.create(),
                    e -> new CreateJoinLinkDialog(joinLinks, roles, scope, created -> {
                        grid.refresh();
                        new JoinLinkCreatedDialog(created).open();
                    }).open());
            create.setId(CREATE_ID);
            create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(create);
        }
        add(header, new Paragraph(getTranslation("joinlink.page.intro")), grid);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("joinlink.page.page-title");
    }
}
