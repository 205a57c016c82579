package dev.atrium.e2e.pages;

import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.RequestOptions;
import com.microsoft.playwright.options.WaitForSelectorState;

/** Invitations → Import CSV: the upload, the preview with its verdicts, the confirmation, progress and the result. */
public class BulkInviteDialog {

    private final Page page;

    public BulkInviteDialog(Page page) {
        this.page = page;
    }

    /** Opens the dialog from the Invitations page and uploads the CSV text as a file. */
    public BulkInviteDialog upload(String csv) {
        open();
        page.locator("#bulk-upload input[type=file]").setInputFiles(
                new FilePayload("people.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * Opens the dialog from the Invitations page and sends the CSV text to the upload's address as a request made
     * without the browser's file checks would: one plain POST with the page's cookies.
     */
    public BulkInviteDialog sendPastTheBrowser(String csv) {
        open();
        String target = (String) page.locator("#bulk-upload").evaluate("upload => new URL(upload.target, document.baseURI).href");
        APIResponse response = page.request().post(target, RequestOptions.create().setHeader("Content-Type", "text/csv")
                .setHeader("X-Filename", "people.csv").setData(csv.getBytes(StandardCharsets.UTF_8)));
        if (!response.ok()) {
            throw new IllegalStateException("The upload's address answered " + response.status());
        }
        return this;
    }

    /**
     * Once a dialog closed before is out of the page: until then its upload is found first and would take the file,
     * and the new dialog shows nothing.
     */
    private void open() {
        page.locator("#bulk-upload").waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
        page.locator("#bulk-import-button").click();
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
