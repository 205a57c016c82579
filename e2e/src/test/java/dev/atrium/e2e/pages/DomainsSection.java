package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Workspace → Settings → Domains; a domain's row elements are found by their {@code data-domain}. */
public class DomainsSection {

    private final Page page;

    public DomainsSection(Page page) {
        this.page = page;
    }

    public DomainsSection open(String slug) {
        page.navigate("/w/" + slug + "/settings");
        page.locator("#domains-section").waitFor();
        return this;
    }

    public DomainsSection add(String domain) {
        page.locator("#domain-add-field input").fill(domain);
        page.locator("#domain-add-button").click();
        return this;
    }

    public Locator addError() {
        return page.locator("#domain-add-field [slot=error-message]");
    }

    public Locator status(String domain) {
        return row("domain-status", domain);
    }

    public Locator recordName(String domain) {
        return row("domain-record-name", domain);
    }

    public Locator recordValue(String domain) {
        return row("domain-record-value", domain);
    }

    public Locator copyButton(String domain) {
        return row("domain-copy", domain);
    }

    public void verify(String domain) {
        row("domain-verify", domain).click();
        ConfirmDialogs.confirm(page, "verify-domain-dialog");
    }

    public void remove(String domain) {
        row("domain-remove", domain).click();
        ConfirmDialogs.confirm(page, "remove-domain-dialog");
    }

    public Locator notification() {
        return page.locator("vaadin-notification-card").last();
    }

    private Locator row(String className, String domain) {
        return page.locator("." + className + "[data-domain='" + domain + "']");
    }
}
