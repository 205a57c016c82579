package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.Page;

/** Workspace → Invitations, with the invite dialog and the invitation-link dialog. */
public class InvitationsPage {

    private final Page page;

    public InvitationsPage(Page page) {
        this.page = page;
    }

    public InvitationsPage open(String slug) {
        page.navigate("/w/" + slug + "/invitations");
        grid().waitFor();
        return this;
    }

    public Locator grid() {
        return page.locator("#invitations-grid");
    }

    public Locator inviteButton() {
        return page.locator("#invite-button");
    }

    /** Invites the addresses with the role; returns the links dialog. */
    public void invite(String addresses, String roleName) {
        inviteButton().click();
        page.locator("#invite-emails textarea").fill(addresses);
        Selects.choose(page, page.locator("#invite-role"), roleName);
        page.locator("#invite-submit").click();
        link(0).waitFor();
    }

    /** Opens the invite dialog, enters the text and submits it with the preselected role (Member), waiting for nothing. */
    public void submitInvite(String addresses) {
        inviteButton().click();
        page.locator("#invite-emails textarea").fill(addresses);
        page.locator("#invite-submit").click();
    }

    /** The message the invite dialog shows under the addresses when it refuses the request as a whole. */
    public Locator inviteError() {
        return page.locator("#invite-emails [slot=error-message]");
    }

    public Locator link(int index) {
        return page.locator("#invitation-link-" + index + " input");
    }

    /** Copies the link and waits until the browser confirms the copy. */
    public void copyLink(int index) {
        copyLink(index, "Link copied");
    }

    /** Copies the link and waits for the notification confirming it, which reads {@code confirmation}. */
    public void copyLink(int index, String confirmation) {
        page.locator("#copy-invitation-link-" + index).click();
        page.locator("vaadin-notification-card").filter(new Locator.FilterOptions().setHasText(confirmation)).waitFor();
    }

    /** The dialog that shows the links of the invitations just made. */
    public Locator linksDialog() {
        return page.locator("#invitation-links-dialog");
    }

    public Locator rejections() {
        return page.locator("#invite-rejections");
    }

    public void closeLinks() {
        page.locator("#invitation-links-close").click();
    }

    /** The grid row (as its cells' text) of the invitation to this address. */
    public Locator cellWith(String text) {
        return grid().locator("vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions().setHasText(text));
    }

    /** Shows only the invitations to addresses containing this text. */
    public void filter(String text) {
        page.locator("#invitations-filter input").fill(text);
    }

    /** The flag of shown pending invitations whose inviter can no longer grant their role. */
    public Locator inviterLostAuthorityFlags() {
        return grid().locator(".atrium-status-inviter-lost:visible");
    }

    /** Shows only the invitation to this address; returns its Mail cell (Queued, Sent, Not delivered …). */
    public Locator mailStateOf(String email) {
        filter(email);
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(grid().locator(".atrium-mail:visible")).hasCount(1);
        return grid().locator(".atrium-mail:visible");
    }

    /** Shows only the invitation to this address and ticks its row, waiting until the tick shows. */
    public void selectOnly(String email) {
        filter(email);
        Locator rowCheckbox = rowCheckboxes();
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(rowCheckbox).hasCount(1);
        // The filter's refresh can draw the row again just after the click, unticked: then the box is clicked again.
        for (int attempt = 1;; attempt++) {
            if (rowCheckbox.getAttribute("checked") == null) {
                rowCheckbox.click();
            }
            try {
                com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(rowCheckbox).hasAttribute("checked", "",
                        new LocatorAssertions.HasAttributeOptions().setTimeout(attempt < 3 ? 3_000 : 15_000));
                return;
            } catch (AssertionError notTicked) {
                if (attempt == 3) {
                    throw notTicked;
                }
            }
        }
    }

    /** The shown rows' selection boxes: an invitation closed for good has none to tick. */
    public Locator rowCheckboxes() {
        return grid().locator("vaadin-checkbox:not(#selectAllCheckbox):visible");
    }

    /** The shown rows' action menus. */
    public Locator rowMenus() {
        return grid().locator("vaadin-menu-bar[id^=invitation-menu-]:visible");
    }

    /** The status badges of the shown rows that read {@code status} (Pending, Expired …). */
    public Locator statusBadges(String status) {
        return grid().locator(".atrium-status-" + status.toLowerCase(java.util.Locale.ROOT) + ":visible");
    }

    public void resendSelected() {
        page.locator("#resend-invitations").click();
    }

    public void cancelSelected() {
        page.locator("#cancel-invitations").click();
        ConfirmDialogs.confirm(page, "confirm-cancel-invitations");
    }

    public Locator notification() {
        return page.locator("vaadin-notification-card").last();
    }
}
