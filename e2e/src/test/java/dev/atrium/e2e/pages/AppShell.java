package dev.atrium.e2e.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

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
        switcher().locator("vaadin-menu-bar-button").first().click();
        page.locator("vaadin-menu-bar-item").filter(new Locator.FilterOptions().setHasText(workspaceName)).click();
    }

    public CreateWorkspaceDialog openCreateFromSwitcher() {
        switcher().locator("vaadin-menu-bar-button").first().click();
        page.locator("#switcher-create-workspace").click();
        return new CreateWorkspaceDialog(page);
    }

    public CreateWorkspaceDialog openCreateFromWelcome() {
        assertThat(page.locator("#welcome-title")).hasText("Create your first workspace");
        page.locator("#create-first-workspace").click();
        return new CreateWorkspaceDialog(page);
    }

    public void signOut() {
        page.locator("#account-menu vaadin-menu-bar-button").first().click();
        page.locator("#sign-out").click();
    }
}
