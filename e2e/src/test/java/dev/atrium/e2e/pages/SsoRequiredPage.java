package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** The page between a workspace whose SSO policies stop the session and its identity provider. */
public class SsoRequiredPage {

    private final Page page;

    public SsoRequiredPage(Page page) {
        this.page = page;
    }

    public Locator title() {
        return page.locator("#sso-required-title");
    }

    public Locator message() {
        return page.locator("#sso-required-message");
    }

    public Locator continueLink() {
        return page.locator("#sso-required-continue");
    }
}
