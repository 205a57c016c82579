package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** The page behind an invitation link. */
public class AcceptInvitationPage {

    private final Page page;

    public AcceptInvitationPage(Page page) {
        this.page = page;
    }

    public Locator title() {
        return page.locator("#invitation-title");
    }

    public Locator message() {
        return page.locator("#invitation-message");
    }

    public void accept() {
        page.locator("#accept-invitation").click();
    }

    public Locator continueThroughSso() {
        return page.locator("#invitation-sso-continue");
    }

    public Locator acceptButton() {
        return page.locator("#accept-invitation");
    }
}
