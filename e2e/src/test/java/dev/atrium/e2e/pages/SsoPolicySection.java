package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Workspace → Settings → Single sign-on → Policies: "Require SSO", "Require multi-factor", group mappings. */
public class SsoPolicySection {

    private final Page page;

    public SsoPolicySection(Page page) {
        this.page = page;
    }

    public SsoPolicySection open(String slug) {
        page.navigate("/w/" + slug + "/settings");
        page.locator("#sso-policy-section").waitFor();
        return this;
    }

    public Locator requireSso() {
        return page.locator("#sso-policy-require-sso input");
    }

    public Locator requireMfa() {
        return page.locator("#sso-policy-require-mfa input");
    }

    public Locator paused() {
        return page.locator("#sso-policy-paused");
    }

    public SsoPolicySection save() {
        page.locator("#sso-policy-save").click();
        return this;
    }

    public Locator notification() {
        return page.locator("vaadin-notification-card").last();
    }
}
