package dev.atrium.e2e.pages;

import com.microsoft.playwright.Page;

/** Vaadin confirm dialogs, found by their id. */
final class ConfirmDialogs {

    private ConfirmDialogs() {
    }

    static void confirm(Page page, String dialogId) {
        page.locator("#" + dialogId + " vaadin-button[slot=confirm-button]").click();
    }
}
