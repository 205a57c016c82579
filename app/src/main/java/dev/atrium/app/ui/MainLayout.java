package dev.atrium.app.ui;

import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.RouteParameters;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.i18n.AtriumTranslations;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.ui.CreateWorkspaceDialog;
import dev.atrium.admin.workspace.ui.WorkspaceSwitcher;
import dev.atrium.app.projects.ProjectPermissions;
import dev.atrium.app.security.AccountLanguage;
import dev.atrium.app.security.AccountUser;
import dev.atrium.app.security.CurrentAccount;
import jakarta.annotation.security.PermitAll;

/** The frame of every signed-in page: brand, workspace switcher, account menu, and the workspace's navigation. */
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private final WorkspaceService workspaces;
    private final CurrentAccount currentAccount;
    private final CurrentWorkspace currentWorkspace;
    private final AccessControl access;
    private final InvitationService invitations;
    private final AccountLanguage accountLanguage;
    private final WorkspaceSwitcher switcher = new WorkspaceSwitcher();
    private final SideNav nav = new SideNav();

    public MainLayout(WorkspaceService workspaces, CurrentAccount currentAccount, CurrentWorkspace currentWorkspace,
            AccessControl access, InvitationService invitations, AccountLanguage accountLanguage) {
        this.workspaces = workspaces;
        this.currentAccount = currentAccount;
        this.currentWorkspace = currentWorkspace;
        this.access = access;
        this.invitations = invitations;
        this.accountLanguage = accountLanguage;

        Span brand = new Span("Atrium");
        brand.addClassName("atrium-brand");
        switcher.addSwitchListener(e -> UI.getCurrent().navigate(WorkspaceHomeView.class,
                new RouteParameters(WorkspaceLayout.SLUG, e.workspace().slug())));
        switcher.addCreateListener(e -> openCreateDialog());
        Div spacer = new Div();
        spacer.addClassName("atrium-header-spacer");
        addToNavbar(new DrawerToggle(), brand, switcher, spacer, accountMenu(currentAccount.user()));
        nav.setId("workspace-nav");
        addToDrawer(nav);
    }

    private MenuBar accountMenu(AccountUser user) {
        MenuBar menu = new MenuBar();
        menu.setId("account-menu");
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY_INLINE);
        Avatar avatar = new Avatar(user.displayName());
        avatar.addThemeVariants(com.vaadin.flow.component.avatar.AvatarVariant.LUMO_SMALL);
        var root = menu.addItem(avatar);
        root.getElement().setAttribute("aria-label", "Account: " + user.displayName());
        var email = root.getSubMenu().addItem(user.getEmail());
        email.setEnabled(false);
        root.getSubMenu().addSeparator();
        for (Locale language : AtriumTranslations.LOCALES) {
            // Each language is named in itself, so that a person who cannot read the current one still finds theirs.
            String name = language.getDisplayLanguage(language);
            var item = root.getSubMenu().addItem(name.substring(0, 1).toUpperCase(language) + name.substring(1),
                    e -> accountLanguage.choose(UI.getCurrent(), language));
            item.setId("language-" + language.toLanguageTag());
            item.getElement().setAttribute("lang", language.toLanguageTag());
            item.setCheckable(true);
            item.setChecked(language.equals(AtriumTranslations.supported(getLocale())));
        }
        root.getSubMenu().addSeparator();
        root.getSubMenu().addItem("Sign out", e -> currentAccount.signOut()).setId("sign-out");
        return menu;
    }

    private void openCreateDialog() {
        CreateWorkspaceDialog dialog = new CreateWorkspaceDialog(workspaces, currentAccount.id());
        dialog.addCreatedListener(e -> UI.getCurrent().navigate(WorkspaceHomeView.class,
                new RouteParameters(WorkspaceLayout.SLUG, e.workspace().slug())));
        dialog.open();
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        String slug = event.getRouteParameters().get(WorkspaceLayout.SLUG).orElse(null);
        switcher.show(workspaces.workspacesOf(currentAccount.id()), slug);
        nav.removeAll();
        if (slug != null) {
            RouteParameters workspace = new RouteParameters(WorkspaceLayout.SLUG, slug);
            nav.addItem(new SideNavItem("Home", WorkspaceHomeView.class, workspace, VaadinIcon.HOME.create()));
            // WorkspaceLayout bound this workspace before any afterNavigation runs (else it rerouted to an error page).
            TenantScope scope = currentWorkspace.scope();
            if (access.has(scope, ProjectPermissions.PROJECTS_VIEW)) {
                nav.addItem(navItem("Projects", ProjectsView.class, workspace, VaadinIcon.FOLDER_O, "nav-projects"));
            }
            if (access.has(scope, Permissions.MEMBERS_VIEW)) {
                nav.addItem(navItem("Members", MembersView.class, workspace, VaadinIcon.USERS, "nav-members"));
            }
            if (invitations.canSeeInvitations(scope)) {
                nav.addItem(navItem("Invitations", InvitationsView.class, workspace, VaadinIcon.ENVELOPE, "nav-invitations"));
            }
            if (access.has(scope, Permissions.ROLES_VIEW)) {
                nav.addItem(navItem("Roles", RolesView.class, workspace, VaadinIcon.KEY, "nav-roles"));
            }
            if (access.has(scope, Permissions.AUDIT_VIEW)) {
                nav.addItem(navItem("Audit log", AuditLogView.class, workspace, VaadinIcon.CLIPBOARD_TEXT, "nav-audit"));
            }
            if (access.has(scope, Permissions.WORKSPACE_SETTINGS)) {
                nav.addItem(navItem("Settings", WorkspaceSettingsView.class, workspace, VaadinIcon.COG, "nav-settings"));
            }
        }
    }

    private static SideNavItem navItem(String label, Class<? extends Component> view, RouteParameters workspace,
            VaadinIcon icon, String id) {
        SideNavItem item = new SideNavItem(label, view, workspace, icon.create());
        item.setId(id);
        return item;
    }

    /** Lets a page open the create dialog, e.g. the first-workspace page. */
    void createWorkspace() {
        openCreateDialog();
    }
}
