package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Workspace → Roles, with the role editor. */
public class RolesPage {

    private final Page page;

    public RolesPage(Page page) {
        this.page = page;
    }

    public RolesPage open(String slug) {
        page.navigate("/w/" + slug + "/roles");
        grid().waitFor();
        return this;
    }

    public Locator grid() {
        return page.locator("#roles-grid");
    }

    public Locator cellWith(String text) {
        return grid().locator("vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions().setHasText(text));
    }

    /** Opens the delete dialog of the custom role with this key. */
    public void startDeleting(String roleKey) {
        page.locator("#delete-role-" + roleKey).click();
    }

    /** The delete dialog's line on the API keys the deletion takes along. */
    public Locator apiKeysTakenAlong() {
        return page.locator("#delete-role-api-keys");
    }

    /** Confirms the delete dialog of a role nobody holds. */
    public void confirmDeletingUnused() {
        ConfirmDialogs.confirm(page, "delete-role-dialog");
    }

    /** Creates a custom role holding exactly the given permissions (catalog keys such as audit.view). */
    public void create(String name, String... permissions) {
        page.locator("#new-role-button").click();
        page.locator("#role-name-field input").fill(name);
        tick(permissions);
        save();
    }

    /** Opens the editor of the custom role with this key and ticks further permissions. */
    public void grant(String roleKey, String... permissions) {
        page.locator("#edit-role-" + roleKey).click();
        page.locator("#role-name-field input").waitFor();
        tick(permissions);
        save();
    }

    public Locator summary() {
        return page.locator("#role-summary");
    }

    private void tick(String... permissions) {
        for (String permission : permissions) {
            page.locator("#permission-" + permission.replace('.', '-').replace('_', '-') + " input").check();
        }
    }

    private void save() {
        page.locator("#save-role").click();
        page.locator("vaadin-notification-card").filter(new Locator.FilterOptions().setHasText("saved")).last().waitFor();
    }
}
