package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** A workspace's home page: facts read from the workspace's own schema. */
public class WorkspaceHomePage {

    private final Page page;

    public WorkspaceHomePage(Page page) {
        this.page = page;
    }

    public Locator title() {
        return page.locator("#workspace-title");
    }

    public Locator memberCount() {
        return page.locator("#workspace-member-count");
    }

    public Locator yourRole() {
        return page.locator("#workspace-your-role");
    }

    public Locator address() {
        return page.locator("#workspace-address");
    }

    public Locator notFoundTitle() {
        return page.locator("#not-found-title");
    }
}
