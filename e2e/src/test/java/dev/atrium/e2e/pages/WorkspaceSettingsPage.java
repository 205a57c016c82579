package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Workspace → Settings. */
public class WorkspaceSettingsPage {

    private final Page page;

    public WorkspaceSettingsPage(Page page) {
        this.page = page;
    }

    public WorkspaceSettingsPage open(String slug) {
        page.navigate("/w/" + slug + "/settings");
        nameField().waitFor();
        return this;
    }

    public Locator nameField() {
        return page.locator("#workspace-rename-field input");
    }
}
