package dev.atrium.e2e.pages;

import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;

/** Invitations → Import CSV: the upload, the preview with its verdicts, the confirmation, progress and the result. */
public class BulkInviteDialog {

    private final Page page;

    public BulkInviteDialog(Page page) {
        this.page = page;
    }

    /** Opens the dialog from the Invitations page and uploads the CSV text as a file. */
    public BulkInviteDialog upload(String csv) {
        page.locator("#bulk-import-button").click();
        page.locator("#bulk-upload input[type=file]").setInputFiles(
                new FilePayload("people.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /** The preview's (later the result's) grid; its text holds every row's cells. */
    public Locator rows() {
        return page.locator("#bulk-rows");
    }

    /** The grid row of the address, as its cells' text. */
    public Locator row(String email) {
        return page.locator("#bulk-rows vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(email));
    }

    public Locator summary() {
        return page.locator("#bulk-summary");
    }

    public Locator confirm() {
        return page.locator("#bulk-confirm");
    }

    public Locator progress() {
        return page.locator("#bulk-progress-text");
    }

    public Locator error() {
        return page.locator("#bulk-error");
    }

    public Locator downloadLink() {
        return page.locator("#bulk-download");
    }

    public String download() throws Exception {
        Download download = page.waitForDownload(() -> downloadLink().click());
        return new String(download.createReadStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
