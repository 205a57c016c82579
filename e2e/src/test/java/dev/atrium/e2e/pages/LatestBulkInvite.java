package dev.atrium.e2e.pages;

import java.nio.charset.StandardCharsets;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Invitations page: the workspace's latest bulk invite as stored, with its progress or result and the result's CSV. */
public class LatestBulkInvite {

    private final Page page;

    public LatestBulkInvite(Page page) {
        this.page = page;
    }

    public Locator status() {
        return page.locator("#bulk-latest-status");
    }

    public Locator summary() {
        return page.locator("#bulk-latest-summary");
    }

    public String download() throws Exception {
        Download download = page.waitForDownload(() -> page.locator("#bulk-latest-download").click());
        return new String(download.createReadStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
