package dev.atrium.e2e.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Atrium's frame: the workspace switcher and the account menu in the header. */
public class AppShell {

    private final Page page;

    public AppShell(Page page) {
        this.page = page;
    }

    public void waitUntilShown() {
        page.locator("#account-menu").waitFor();
    }

    public Locator switcher() {
        return page.locator("#workspace-switcher");
    }

    public void switchTo(String workspaceName) {
        openSwitcher();
        inOpenMenu("vaadin-context-menu-item").filter(new Locator.FilterOptions().setHasText(workspaceName)).click();
    }

    /** The switcher's entry of a deleted workspace its Owner may restore ("Name — Deleted - restore until …"). */
    public Locator deletedEntry(String slug) {
        openSwitcher();
        return inOpenMenu("vaadin-context-menu-item[data-deleted-slug='" + slug + "']");
    }

    /** Opens the switcher's menu and returns its "Your colleagues at … use …" entry for the workspace. */
    public Locator joinSuggestion(String slug) {
        openSwitcher();
        return inOpenMenu("vaadin-context-menu-item[data-join-suggestion='" + slug + "']");
    }

    /** With the switcher's menu open: its Request to join (Join, or the disabled "Request sent") for the workspace. */
    public Locator joinAction(String slug) {
        return inOpenMenu("vaadin-context-menu-item[data-join-workspace='" + slug + "']");
    }

    public CreateWorkspaceDialog openCreateFromSwitcher() {
        openSwitcher();
        inOpenMenu("#switcher-create-workspace").click();
        return new CreateWorkspaceDialog(page);
    }

    public CreateWorkspaceDialog openCreateFromWelcome() {
        return openCreateFromWelcome("Create your first workspace");
    }

    /** From the first-workspace page, whose title reads {@code title} in the page's language. */
    public CreateWorkspaceDialog openCreateFromWelcome(String title) {
        assertThat(welcomeTitle()).hasText(title);
        page.locator("#create-first-workspace").click();
        return new CreateWorkspaceDialog(page);
    }

    public Locator welcomeTitle() {
        return page.locator("#welcome-title");
    }

    /** The workspace's navigation entries, in order. */
    public Locator navigation() {
        return page.locator("#workspace-nav vaadin-side-nav-item");
    }

    /** The header's button that hides and shows the workspace's navigation. */
    public Locator drawerToggle() {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Toggle navigation panel"));
    }

    /** Chooses a language ("en", "de") in the account menu; the page shows again in it. */
    public void chooseLanguage(String tag) {
        openAccountMenu();
        inOpenMenu("#language-" + tag).click();
    }

    /** The account menu's entry for a language, with the menu open. */
    public Locator languageItem(String tag) {
        openAccountMenu();
        return inOpenMenu("#language-" + tag);
    }

    /** Opens the account menu and waits until it shows its items. */
    public void openAccountMenu() {
        openMenu(page.locator("#account-menu"));
        inOpenMenu("#sign-out").waitFor();
    }

    /** Opens the switcher's menu and waits until it shows its entries, of which "Create workspace" is always one. */
    public void openSwitcher() {
        openMenu(switcher());
        inOpenMenu("#switcher-create-workspace").waitFor();
    }

    /**
     * An entry of the menu open now. A closed menu keeps the entries it last showed, hidden, until it opens again: a
     * locator that does not ask for the open menu could find those.
     */
    private Locator inOpenMenu(String selector) {
        return page.locator("vaadin-context-menu[opened] " + selector);
    }

    /** Closes the open menu with Escape, as a keyboard user does, and waits until it is closed. */
    public void closeMenu() {
        page.keyboard().press("Escape");
        assertThat(page.locator("vaadin-context-menu[opened]")).hasCount(0);
    }

    /**
     * Clicks a menu's button after closing any menu still open (or still closing): the click would land on the open
     * menu's backdrop, and a menu seen open a moment before may be another, or on its way out.
     */
    private void openMenu(Locator button) {
        if (page.locator("vaadin-context-menu[opened]").count() > 0) {
            closeMenu();
        }
        button.click();
    }

    public void signOut() {
        openAccountMenu();
        inOpenMenu("#sign-out").click();
    }
}
