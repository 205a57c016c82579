package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Operator → Platform API keys: the list, the create dialog and the dialog that shows a new key's secret once. */
public class PlatformApiKeysPage {

    private final Page page;

    public PlatformApiKeysPage(Page page) {
        this.page = page;
    }

    public PlatformApiKeysPage open() {
        page.navigate("/operator/api-keys");
        grid().waitFor();
        return this;
    }

    public Locator grid() {
        return page.locator("#platform-api-keys-grid");
    }

    /** Creates a key with the default expiry; the dialog with its secret stays open. */
    public PlatformApiKeysPage create(String name) {
        page.locator("#create-platform-api-key").click();
        page.locator("#platform-api-key-name input").fill(name);
        page.locator("#platform-api-key-submit").click();
        return this;
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
}
