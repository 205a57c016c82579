package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Workspace → Webhooks: endpoints, the dialog that shows a secret once, and an endpoint's delivery log. */
public class WebhooksPage {

    private final Page page;

    public WebhooksPage(Page page) {
        this.page = page;
    }

    public WebhooksPage open(String slug) {
        page.navigate("/w/" + slug + "/webhooks");
        grid().waitFor();
        return this;
    }

    public Locator grid() {
        return page.locator("#webhooks-grid");
    }

    /** Adds an endpoint subscribed to one event type; returns its secret, shown once. */
    public String create(String url, String eventType) {
        page.locator("#create-webhook").click();
        page.locator("#webhook-url input").fill(url);
        page.locator("#webhook-events").getByRole(AriaRole.CHECKBOX, new Locator.GetByRoleOptions().setName(eventType).setExact(true)).check();
        page.locator("#webhook-save").click();
        String secret = page.locator("#webhook-secret input").inputValue();
        page.locator("#webhook-secret-close").click();
        return secret;
    }

    /** Sends a test event to the only endpoint listed; its delivery log opens. */
    public void sendTestEvent() {
        grid().locator("vaadin-button.atrium-webhook-test").click();
        log().waitFor();
    }

    public Locator log() {
        return page.locator("#webhook-deliveries-grid");
    }

    public void refreshLog() {
        page.locator("#webhook-log-refresh").click();
    }

    /** A cell of the delivery log holding this text. */
    public Locator logCell(String text) {
        return log().locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(text));
    }
}
