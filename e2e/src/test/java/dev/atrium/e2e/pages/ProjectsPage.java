package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Workspace → Projects: the sample host's own feature. */
public class ProjectsPage {

    private final Page page;

    public ProjectsPage(Page page) {
        this.page = page;
    }

    public ProjectsPage open(String slug) {
        page.navigate("/w/" + slug + "/projects");
        grid().waitFor();
        return this;
    }

    /** Through the workspace's navigation, as a person gets there. */
    public ProjectsPage openFromNavigation() {
        navEntry().click();
        grid().waitFor();
        return this;
    }

    public Locator navEntry() {
        return page.locator("#nav-projects");
    }

    public Locator grid() {
        return page.locator("#projects-grid");
    }

    public Locator newProjectButton() {
        return page.locator("#new-project-button");
    }

    /** The visible grid cell holding this text; the grid keeps hidden rows for reuse. */
    public Locator row(String text) {
        return grid().locator("vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions().setHasText(text));
    }

    public void create(String name) {
        newProjectButton().click();
        saveName(name);
    }

    public void rename(String name, String newName) {
        rowButton("Rename " + name).click();
        saveName(newName);
    }

    public void delete(String name) {
        deleteWith("Delete " + name);
    }

    /** Deletes through the row button with this accessible name (it is in the page's language) and confirms. */
    public void deleteWith(String buttonLabel) {
        rowButton(buttonLabel).click();
        ConfirmDialogs.confirm(page, "confirm-delete-project");
    }

    public Locator rowButton(String label) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(label).setExact(true));
    }

    public Locator nameField() {
        return page.locator("#project-name-field");
    }

    private void saveName(String name) {
        nameField().locator("input").fill(name);
        page.locator("#save-project").click();
        nameField().waitFor(new Locator.WaitForOptions().setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED));
    }
}
