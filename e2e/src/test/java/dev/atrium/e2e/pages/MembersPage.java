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

    /** Shows only members (and pending invitations) whose name or address contains the text. */
    public void filter(String text) {
        page.locator("#members-filter input").fill(text);
    }

    /** The role filter above the members. */
    public Locator roleFilter() {
        return page.locator("#members-role-filter");
    }

    /** Shows only members who have the role, picked from the role filter's list ("All roles" shows everyone). */
    public void filterByRole(String roleName) {
        Selects.choose(page, roleFilter(), roleName);
    }

    /** The pending invitations listed under the members. */
    public Locator pendingGrid() {
        return page.locator("#pending-invitations-grid");
    }

    /** The visible cell of the pending invitations holding this text (address, "Invitation sent for …"). */
    public Locator pendingCell(String text) {
        return pendingGrid().locator("vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions().setHasText(text));
    }

    /** Resend from the invitation's row menu; the new link's dialog opens. */
    public void resendInvitation(java.util.UUID invitationId) {
        page.locator("#invitation-menu-" + invitationId).click();
        page.locator("#resend-invitation-" + invitationId).click();
    }

    public void extendInvitation(java.util.UUID invitationId) {
        page.locator("#invitation-menu-" + invitationId).click();
        page.locator("#extend-invitation-" + invitationId).click();
    }

    public Locator notification() {
        return page.locator("vaadin-notification-card").last();
    }
}
