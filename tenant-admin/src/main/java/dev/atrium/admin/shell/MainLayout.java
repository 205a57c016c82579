package dev.atrium.admin.shell;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.HtmlUtils;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.avatar.Avatar;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.avatar.AvatarVariant;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.dependency.Uses;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.router.RouteData;
import com.vaadin.flow.router.RouteParameters;

import dev.atrium.admin.i18n.AtriumTranslations;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.joinrequest.ui.JoinSuggestionActions;
import dev.atrium.admin.joinrequest.ui.JoinSuggestionsPanel;
import dev.atrium.admin.security.AccountLanguage;
import dev.atrium.admin.security.SignedInAccount;
import dev.atrium.admin.security.CurrentAccount;
import dev.atrium.admin.ui.Aria;
import dev.atrium.admin.ui.DropDownMenu;
import dev.atrium.admin.workspace.DeletedWorkspace;
import dev.atrium.admin.workspace.WorkspaceDeletionService;
import dev.atrium.admin.workspace.WorkspaceService;
import dev.atrium.admin.workspace.WorkspaceSummary;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.workspace.ui.CreateWorkspaceDialog;
import dev.atrium.admin.workspace.ui.WorkspaceSwitcher;
import jakarta.annotation.security.PermitAll;

/**
 * The frame of every signed-in page: brand, workspace switcher, account menu, and the workspace's navigation. It acts
 * on the switcher's events and opens the create-workspace dialog with the workspaces colleagues use above its fields.
 */
@PermitAll
@Uses(SideNavItem.class)
@Uses(Icon.class)
@Uses(DrawerToggle.class)
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    /** The create-workspace dialog's "Your colleagues at … use …". */
    public static final String CREATE_DIALOG_SUGGESTIONS_ID = "create-workspace-join-suggestions";
    public static final String ACCOUNT_MENU_ID = "account-menu";

    private final WorkspaceService workspaces;
    private final CurrentAccount currentAccount;
    private final CurrentWorkspace currentWorkspace;
    private final AccountLanguage accountLanguage;
    private final WorkspaceDeletionService deletions;
    private final JoinRequestService joins;
    private final WorkspaceSwitcher switcher;
    /** Its entries are markup (see {@link #navItem}); {@code @Uses} loads their elements' definitions. */
    private final SideNav nav = new SideNav();
    private @Nullable String currentSlug;

    public MainLayout(WorkspaceService workspaces, CurrentAccount currentAccount, CurrentWorkspace currentWorkspace,
            AccountLanguage accountLanguage, WorkspaceDeletionService deletions, JoinRequestService joins) {
        this.workspaces = workspaces;
        this.deletions = deletions;
        this.joins = joins;
        this.currentAccount = currentAccount;
        this.currentWorkspace = currentWorkspace;
        this.accountLanguage = accountLanguage;

        switcher = new WorkspaceSwitcher(this::switcherEntries);
        Span brand = new Span(getTranslation("shell.layout.brand"));
        brand.addClassName("atrium-brand");
        switcher.addSwitchListener(e -> UI.getCurrent().navigate(WorkspaceHomeView.class,
                new RouteParameters(WorkspaceLayout.SLUG, e.workspace().slug())));
        switcher.addCreateListener(e -> openCreateDialog());
        switcher.addRestoreListener(e -> restore(e.workspace()));
        switcher.addJoinListener(e -> JoinSuggestionActions.choose(joins, currentAccount.id(), e.suggestion()));
        // The drawer toggle as an element, not a DrawerToggle (a Button with its click listener and state for as long as
        // the session lasts): it opens and closes the drawer in the browser alone. @Uses loads its element's definition.
        getElement().appendChild(new Element("vaadin-drawer-toggle").setAttribute("slot", "navbar"));
        // The account menu keeps to the right by its style (atrium.css), not by a spacer component.
        addToNavbar(brand, switcher, accountMenu(currentAccount.user()));
        nav.setId("workspace-nav");
        addToDrawer(nav);
    }

    /** The avatar's menu: the account's e-mail, the languages, and sign-out, made when it opens. */
    private Button accountMenu(SignedInAccount user) {
        Avatar avatar = new Avatar(user.displayName());
        avatar.addThemeVariants(AvatarVariant.LUMO_SMALL);
        Button button = new Button(avatar);
        button.setId(ACCOUNT_MENU_ID);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        button.setAriaLabel(getTranslation("shell.layout.account", user.displayName()));
        DropDownMenu.on(button, menu -> {
            menu.addItem(user.email()).setEnabled(false);
            menu.addSeparator();
            for (Locale language : AtriumTranslations.LOCALES) {
                // Each language is named in itself, so that a person who cannot read the current one still finds theirs.
                String name = language.getDisplayLanguage(language);
                MenuItem item = menu.addItem(name.substring(0, 1).toUpperCase(language) + name.substring(1),
                        e -> accountLanguage.choose(UI.getCurrent(), language));
                item.setId("language-" + language.toLanguageTag());
                item.getElement().setAttribute("lang", language.toLanguageTag());
                Aria.choice(item, language.equals(AtriumTranslations.supported(getLocale())));
            }
            menu.addSeparator();
            menu.addItem(getTranslation("shell.layout.sign-out"), e -> currentAccount.signOut()).setId("sign-out");
        });
        return button;
    }

    private void restore(DeletedWorkspace deleted) {
        try {
            WorkspaceSummary restored = deletions.restore(currentAccount.id(), deleted.id());
            Feedback.success(getTranslation("workspace.deleted.restored", restored.name()));
            UI.getCurrent().navigate(WorkspaceHomeView.class, new RouteParameters(WorkspaceLayout.SLUG, restored.slug()));
        } catch (AtriumRefusal e) {
            Feedback.refusal(e);
            UI.getCurrent().getPage().reload();
        }
    }

    private void openCreateDialog() {
        CreateWorkspaceDialog dialog = new CreateWorkspaceDialog(workspaces, currentAccount.id());
        // Before creating another workspace: the ones colleagues use, to ask to join instead.
        JoinSuggestionsPanel colleagues = new JoinSuggestionsPanel(joins, currentAccount.id(), false);
        colleagues.setId(CREATE_DIALOG_SUGGESTIONS_ID);
        dialog.showAboveName(colleagues);
        dialog.addCreatedListener(e -> UI.getCurrent().navigate(WorkspaceHomeView.class,
                new RouteParameters(WorkspaceLayout.SLUG, e.workspace().slug())));
        dialog.open();
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        String slug = event.getRouteParameters().get(WorkspaceLayout.SLUG).orElse(null);
        currentSlug = slug;
        showSwitcher();
        StringBuilder items = new StringBuilder();
        if (slug != null) {
            RouteParameters workspace = new RouteParameters(WorkspaceLayout.SLUG, slug);
            items.append(navItem(null, getTranslation("shell.nav.home"), WorkspaceHomeView.class, workspace, VaadinIcon.HOME));
            // WorkspaceLayout bound this workspace before any afterNavigation runs (else it rerouted to an error page).
            navigationTargets().filter(currentWorkspace::mayOpen).forEach(page -> {
                WorkspaceNav entry = page.getAnnotation(WorkspaceNav.class);
                String template = RouteConfiguration.forApplicationScope().getTemplate(page).orElse("");
                items.append(navItem("nav-" + template.substring(template.lastIndexOf('/') + 1), getTranslation(entry.label()),
                        page, workspace, entry.icon()));
            });
        }
        nav.getElement().setProperty("innerHTML", items.toString());
    }

    /** The switcher's button names the workspace open now. */
    private void showSwitcher() {
        switcher.show(workspaces.workspacesOf(currentAccount.id()), currentSlug);
    }

    /**
     * What the switcher's menu lists when opened: the account's workspaces and deleted ones it may restore; for people
     * who have a workspace, also the workspaces their colleagues use (those who have none see them on the welcome page).
     */
    private WorkspaceSwitcher.Entries switcherEntries() {
        List<WorkspaceSummary> mine = workspaces.workspacesOf(currentAccount.id());
        return new WorkspaceSwitcher.Entries(mine, mine.isEmpty() ? List.of() : joins.suggestions(currentAccount.id()),
                deletions.restorableBy(currentAccount.id()));
    }

    /** Every registered route marked {@link WorkspaceNav}, Atrium's and the host application's, in their order. */
    private static Stream<Class<? extends Component>> navigationTargets() {
        return RouteConfiguration.forApplicationScope().getAvailableRoutes().stream()
                .<Class<? extends Component>>map(RouteData::getNavigationTarget)
                .filter(target -> target.isAnnotationPresent(WorkspaceNav.class))
                .distinct()
                .sorted(Comparator.comparingInt(target -> target.getAnnotation(WorkspaceNav.class).order()));
    }

    /**
     * One entry of the navigation as markup, not as a {@link SideNavItem} with an {@link Icon}: every component costs
     * the session its state for as long as the page shows, while these entries never talk to the server. The side
     * navigation's items link to their path and mark the current one in the browser by themselves.
     */
    private static String navItem(@Nullable String id, String label, Class<? extends Component> page, RouteParameters workspace,
            VaadinIcon icon) {
        String path = RouteConfiguration.forApplicationScope().getUrl(page, workspace);
        return "<vaadin-side-nav-item" + (id == null ? "" : " id=\"" + HtmlUtils.htmlEscape(id) + "\"") + " path=\""
                + HtmlUtils.htmlEscape(path) + "\"><vaadin-icon slot=\"prefix\" icon=\"" + new Icon(icon).getIcon() + "\"></vaadin-icon>"
                + HtmlUtils.htmlEscape(label) + "</vaadin-side-nav-item>";
    }

    /** Lets a page open the create dialog, e.g. the first-workspace page. */
    void createWorkspace() {
        openCreateDialog();
    }
}
