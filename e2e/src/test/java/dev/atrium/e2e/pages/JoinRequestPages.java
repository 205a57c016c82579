package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Joining by domain: the setting in Settings, the colleague's suggestions and outcomes, the Members page's requests. */
public class JoinRequestPages {

    private final Page page;

    public JoinRequestPages(Page page) {
        this.page = page;
    }

    /** Settings → Joining by domain: chooses the mode by its label and saves. */
    public void chooseMode(String slug, String modeLabel) {
        page.navigate("/w/" + slug + "/settings");
        page.locator("#join-mode vaadin-radio-button").filter(new Locator.FilterOptions().setHasText(modeLabel)).click();
        page.locator("#join-setting-save").click();
    }

    /** The welcome page's "Your colleagues at … use …" for the workspace. */
    public Locator suggestion(String slug) {
        return page.locator(".join-suggestion[data-workspace='" + slug + "']");
    }

    public void requestToJoin(String slug) {
        suggestion(slug).locator(".join-request-button").click();
    }

    public Locator requested(String slug) {
        return suggestion(slug).locator(".join-requested");
    }

    public Locator outcome() {
        return page.locator(".join-outcome");
    }

    /** Members → Join requests: gives the role and approves. */
    public void approve(String slug, String email, String roleName) {
        page.navigate("/w/" + slug + "/members");
        Selects.choose(page, page.locator(".join-request-role[data-email='" + email + "']"), roleName);
        page.locator(".join-request-approve[data-email='" + email + "']").click();
    }

    public Locator notification() {
        return page.locator("vaadin-notification-card").last();
    }
}
