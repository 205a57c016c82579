package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Workspace → API keys: the list, the create dialog and the dialog that shows a new key's secret once. */
public class ApiKeysPage {

    private final Page page;

    public ApiKeysPage(Page page) {
        this.page = page;
    }

    public ApiKeysPage open(String slug) {
        page.navigate("/w/" + slug + "/api-keys");
        grid().waitFor();
        return this;
    }

    public Locator grid() {
        return page.locator("#api-keys-grid");
    }

    /** Opens the create dialog, names the key and picks its role; the dialog stays open. */
    public ApiKeysPage startCreating(String name, String roleName) {
        page.locator("#create-api-key").click();
        page.locator("#api-key-name input").fill(name);
        Selects.choose(page, page.locator("#api-key-role"), roleName);
        return this;
    }

    public Locator neverExpires() {
        return page.locator("#api-key-never-expires");
    }

    public void submit() {
        page.locator("#api-key-submit").click();
    }

    /** The new key's secret as the dialog shows it. */
    public Locator secret() {
        return page.locator("#api-key-secret input");
    }

    /** Copies the secret and waits for the notification confirming it (the clipboard is written asynchronously). */
    public void copy() {
        page.locator("#copy-api-key").click();
        page.locator("vaadin-notification-card").filter(new Locator.FilterOptions().setHasText("Key copied.")).waitFor();
    }

    public void closeCreated() {
        page.locator("#api-key-created-close").click();
    }

    /** A grid cell holding this text. */
    public Locator cell(String text) {
        return grid().locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(text));
    }

    public Locator status() {
        return grid().locator(".atrium-api-key-status");
    }

    /** Revokes the only key listed, confirming. */
    public void revokeOnly() {
        grid().locator("vaadin-button.atrium-revoke-api-key").click();
        ConfirmDialogs.confirm(page, "confirm-revoke-api-key");
    }
}
