package dev.atrium.e2e.pages;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Workspace → Audit log. */
public class AuditLogPage {

    private final Page page;

    public AuditLogPage(Page page) {
        this.page = page;
    }

    public AuditLogPage open(String slug) {
        page.navigate("/w/" + slug + "/audit");
        grid().waitFor();
        return this;
    }

    public Locator grid() {
        return page.locator("#audit-grid");
    }

    /** Visible grid cells with this text; the grid keeps hidden rows for reuse. */
    public Locator cellsWith(String text) {
        return grid().locator("vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions().setHasText(text));
    }

    /** Picks an action or action group ("All member.* actions", "All actions") in the action filter. */
    public Locator cellsWith(java.util.regex.Pattern text) {
        return grid().locator("vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions().setHasText(text));
    }

    public void filterAction(String label) {
        Selects.choose(page, page.locator("#audit-filter-action"), label);
    }

    public void filterActor(String text) {
        page.locator("#audit-filter-actor input").fill(text);
    }

    public void select(String cellText) {
        cellsWith(cellText).first().click();
    }

    public Locator details() {
        return page.locator("#audit-details");
    }

    public Locator diff() {
        return page.locator("#audit-diff");
    }

    public Locator verify() {
        page.locator("#audit-verify").click();
        return page.locator("#audit-verify-result");
    }

    public Download exportCsv() {
        return page.waitForDownload(() -> page.locator("#audit-export-csv").click());
    }
}
