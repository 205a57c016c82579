package dev.atrium.e2e.pages;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Settings → "Delete workspace…": export, type the name, delete. */
public class DeleteWorkspaceDialog {

    private final Page page;

    public DeleteWorkspaceDialog(Page page) {
        this.page = page;
    }

    public DeleteWorkspaceDialog open(String slug) {
        new WorkspaceSettingsPage(page).open(slug);
        page.locator("#open-delete-workspace").click();
        nameField().waitFor();
        return this;
    }

    public Download export() {
        return page.waitForDownload(() -> page.locator("#delete-workspace-export").click());
    }

    public Locator nameField() {
        return page.locator("#delete-workspace-name input");
    }

    public Locator nameError() {
        return page.locator("#delete-workspace-name [slot='error-message']");
    }

    public DeleteWorkspaceDialog typeName(String name) {
        nameField().fill(name);
        return this;
    }

    public void confirm() {
        page.locator("#delete-workspace-confirm").click();
    }
}
