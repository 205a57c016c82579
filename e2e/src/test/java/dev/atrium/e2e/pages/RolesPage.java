package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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
        startCreating();
        nameField().fill(name);
        tick(permissions);
        save();
    }

    /**
     * Opens the editor for a new role. Returns once the editor has focused its name field: that focus scrolls the
     * editor's body back to the top, and a permission ticked before it may be scrolled away under the click.
     */
    public void startCreating() {
        page.locator("#new-role-button").click();
        assertThat(nameField()).isFocused();
    }

    public void closeEditor() {
        page.locator("#close-role-editor").click();
    }

    /** Opens the editor of the custom role with this key and ticks further permissions. */
    public void grant(String roleKey, String... permissions) {
        page.locator("#edit-role-" + roleKey).click();
        assertThat(nameField()).isFocused();
        tick(permissions);
        save();
    }

    public Locator summary() {
        return page.locator("#role-summary");
    }

    private Locator nameField() {
        return page.locator("#role-name-field input");
    }

    /** Ticks permissions (catalog keys such as audit.view) in the open editor. */
    public void tick(String... permissions) {
        for (String permission : permissions) {
            page.locator("#permission-" + permission.replace('.', '-').replace('_', '-') + " input").check();
        }
    }

    private void save() {
        page.locator("#save-role").click();
        page.locator("vaadin-notification-card").filter(new Locator.FilterOptions().setHasText("saved")).last().waitFor();
    }
}
