package dev.atrium.e2e.pages;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

/** Workspace → Members. */
public class MembersPage {

    private final Page page;

    public MembersPage(Page page) {
        this.page = page;
    }

    public MembersPage open(String slug) {
        page.navigate("/w/" + slug + "/members");
        grid().waitFor();
        return this;
    }

    public Locator grid() {
        return page.locator("#members-grid");
    }

    /** The visible grid cell holding this text (name, e-mail, role …); the grid keeps hidden rows for reuse. */
    public Locator row(String text) {
        return grid().locator("vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions().setHasText(text));
    }

    public void changeRole(java.util.UUID accountId, String roleName) {
        page.locator("#role-select-" + accountId).click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName(roleName).setExact(true)).click();
        ConfirmDialogs.confirm(page, "confirm-role-change");
    }

    public Locator roleSelect(java.util.UUID accountId) {
        return page.locator("#role-select-" + accountId);
    }

    public Locator removeButton(java.util.UUID accountId) {
        return page.locator("#remove-member-" + accountId);
    }

    public void remove(java.util.UUID accountId) {
        removeButton(accountId).click();
        ConfirmDialogs.confirm(page, "confirm-remove-member");
    }

    public void leave() {
        page.locator("#leave-workspace").click();
        ConfirmDialogs.confirm(page, "confirm-leave");
    }

    public Locator notification() {
        return page.locator("vaadin-notification-card").last();
    }
}
