package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** /dev/mail: the local SMTP sink's inbox (development only). */
public class DevInboxPage {

    private final Page page;

    public DevInboxPage(Page page) {
        this.page = page;
    }

    public DevInboxPage open() {
        page.navigate("/dev/mail");
        page.locator("#dev-mail").waitFor();
        return this;
    }

    /** The rows of the mails to this address. */
    public Locator row(String address) {
        return page.locator("tr.dev-mail-row").filter(new Locator.FilterOptions().setHasText(address));
    }

    /** The clickable link with this address. */
    public Locator link(String href) {
        return page.locator("a.dev-mail-link[href='" + href + "']");
    }
}
