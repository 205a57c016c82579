package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** {@code /sso/{slug}} of a workspace without an enabled connection: the neutral page. */
public class SsoUnavailablePage {

    private final Page page;

    public SsoUnavailablePage(Page page) {
        this.page = page;
    }

    public SsoUnavailablePage open(String slug) {
        page.navigate("/sso/" + slug);
        return this;
    }

    public Locator content() {
        return page.locator("#sso-unavailable");
    }

    public Locator signInLink() {
        return page.locator("#sso-unavailable-sign-in");
    }
}
