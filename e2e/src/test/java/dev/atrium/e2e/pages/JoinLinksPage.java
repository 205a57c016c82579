package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Workspace → Join links: the list, the create dialog and the dialog that shows a new link once. */
public class JoinLinksPage {

    private final Page page;

    public JoinLinksPage(Page page) {
        this.page = page;
    }

    public JoinLinksPage open(String slug) {
        page.navigate("/w/" + slug + "/join-links");
        grid().waitFor();
        return this;
    }

    public Locator grid() {
        return page.locator("#join-links-grid");
    }

    /** Creates a link for the role with a maximum number of uses and the default expiry; returns its URL, shown once. */
    public String create(String roleName, int maxUses) {
        page.locator("#create-join-link").click();
        page.locator("#join-link-role").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(roleName).setExact(true)).click();
        page.locator("#join-link-max-uses input").fill(Integer.toString(maxUses));
        page.locator("#join-link-submit").click();
        String url = page.locator("#join-link-url input").inputValue();
        page.locator("#join-link-created-close").click();
        return url;
    }

    /** A grid cell holding exactly this text. */
    public Locator cell(String text) {
        return grid().locator("vaadin-grid-cell-content").filter(new Locator.FilterOptions().setHasText(text));
    }

    public Locator status() {
        return grid().locator(".atrium-join-link-status");
    }

    /** Revokes the only link listed, confirming. */
    public void revokeOnly() {
        grid().locator("vaadin-button.atrium-revoke-join-link").click();
        ConfirmDialogs.confirm(page, "confirm-revoke-join-link");
    }
}
