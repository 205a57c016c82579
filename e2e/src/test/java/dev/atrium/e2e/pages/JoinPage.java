package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** The page behind a join link. */
public class JoinPage {

    private final Page page;

    public JoinPage(Page page) {
        this.page = page;
    }

    public Locator title() {
        return page.locator("#join-title");
    }

    public Locator message() {
        return page.locator("#join-message");
    }

    public Locator joinButton() {
        return page.locator("#join-workspace");
    }

    public void join() {
        joinButton().click();
    }
}
