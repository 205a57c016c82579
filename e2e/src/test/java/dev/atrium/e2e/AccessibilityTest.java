package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import dev.atrium.e2e.pages.AcceptInvitationPage;
import dev.atrium.e2e.pages.ApiKeysPage;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.AuditLogPage;
import dev.atrium.e2e.pages.CreateWorkspaceDialog;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.MembersPage;
import dev.atrium.e2e.pages.RolesPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;
import dev.atrium.e2e.pages.WorkspaceSettingsPage;

/**
 * axe-core finds no violation of impact serious or critical on any of Atrium's views, nor with any of its dialogs and
 * menus open.
 */
@AtriumE2ETest
class AccessibilityTest extends BrowserTest {

    @Autowired DSLContext platform;

    private final AxeAudit axe = new AxeAudit();

    /**
     * Deque's binding injects axe-core with {@code page.evaluate}, which the Content-Security-Policy does not govern;
     * bypassing the policy here only makes sure axe's own workings (frames, later versions' script tags) are never
     * refused. SecurityHeadersTest proves the policy on every view.
     */
    @Override
    protected Browser.NewContextOptions contextOptions() {
        return super.contextOptions().setBypassCSP(true);
    }

    @Test
    void everyViewAndDialogHasNoSeriousOrCriticalViolation() {
        page.navigate("/login");
        assertThat(new SignInPage(page).emailField()).isVisible();
        axe.check(page, "sign-in");

        String ownerEmail = uniqueEmail("ada");
        AppShell shell = signIn(page, ownerEmail, "Ada Owner");
        assertThat(page.locator("#welcome-title")).isVisible();
        axe.check(page, "welcome");

        String workspace = unique("Ada Access");
        CreateWorkspaceDialog create = shell.openCreateFromWelcome();
        axe.check(page, "create workspace dialog");
        create.enterName(workspace).submit();
        WorkspaceHomePage home = new WorkspaceHomePage(page);
        assertThat(home.title()).hasText(workspace);
        String slug = slugOf(page);
        axe.check(page, "workspace home");

        shell.openSwitcher();
        axe.check(page, "workspace switcher menu");
        shell.closeMenu();

        shell.openAccountMenu();
        axe.check(page, "account menu");
        shell.closeMenu();

        String ivo = uniqueEmail("ivo");
        String una = uniqueEmail("una");
        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        axe.check(page, "invitations");
        invitations.inviteButton().click();
        page.locator("#invite-emails textarea").waitFor();
        axe.check(page, "invite dialog");
        page.locator("#invite-role").click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("Member").setExact(true)).waitFor();
        axe.check(page, "invite role list");
        page.keyboard().press("Escape");
        page.locator("#invite-emails textarea").fill(ivo + ", " + una + ", not-an-address");
        page.locator("#invite-submit").click();
        invitations.link(1).waitFor();
        axe.check(page, "invitation link dialog");
        String ivoLink = invitations.link(0).inputValue();
        invitations.closeLinks();
        assertThat(page.locator("#invitation-links-close")).hasCount(0);
        assertThat(invitations.cellWith(una)).isVisible();
        axe.check(page, "invitations with rows");
        invitations.selectOnly(una);
        page.locator("#cancel-invitations").click();
        confirmDialog("confirm-cancel-invitations").waitFor();
        axe.check(page, "cancel invitations confirm dialog");
        page.keyboard().press("Escape");

        Page ivoPage = newPage();
        ivoPage.navigate(ivoLink);
        new SignInPage(ivoPage).signIn(ivo, "Ivo Invitee");
        AcceptInvitationPage acceptance = new AcceptInvitationPage(ivoPage);
        assertThat(acceptance.title()).hasText("Join " + workspace);
        axe.check(ivoPage, "invitation acceptance");
        acceptance.accept();
        assertThat(new WorkspaceHomePage(ivoPage).title()).hasText(workspace);

        MembersPage members = new MembersPage(page).open(slug);
        assertThat(members.row(ivo)).isVisible();
        axe.check(page, "members");
        members.roleFilter().click();
        page.getByRole(AriaRole.OPTION, new Page.GetByRoleOptions().setName("All roles").setExact(true)).waitFor();
        axe.check(page, "members role filter list");
        page.keyboard().press("Escape");
        UUID ivoId = platform.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.EMAIL.eq(ivo)).fetchSingle().value1();
        members.removeButton(ivoId).click();
        confirmDialog("confirm-remove-member").waitFor();
        axe.check(page, "remove member confirm dialog");
        page.keyboard().press("Escape");
        members.roleSelect(ivoId).click();
        page.getByRole(AriaRole.OPTION,
                new Page.GetByRoleOptions().setName("Admin").setExact(true)).waitFor();
        axe.check(page, "member role list");
        page.getByRole(AriaRole.OPTION,
                new Page.GetByRoleOptions().setName("Admin").setExact(true)).click();
        confirmDialog("confirm-role-change").waitFor();
        axe.check(page, "role change confirm dialog");
        page.keyboard().press("Escape");

        RolesPage roles = new RolesPage(page).open(slug);
        axe.check(page, "roles");
        roles.startCreating();
        axe.check(page, "role editor");
        roles.closeEditor();

        AuditLogPage audit = new AuditLogPage(page).open(slug);
        assertThat(audit.cellsWith("invitation.created").first()).isVisible();
        axe.check(page, "audit log");
        audit.select("invitation.created");
        audit.details().waitFor();
        axe.check(page, "audit event details");

        ApiKeysPage keys = new ApiKeysPage(page).open(slug);
        axe.check(page, "api keys");
        keys.startCreating("Axe", "Member");
        axe.check(page, "api key dialog");
        keys.submit();
        keys.secret().waitFor();
        axe.check(page, "api key shown once");
        keys.closeCreated();

        new WorkspaceSettingsPage(page).open(slug);
        axe.check(page, "workspace settings");

        page.navigate("/w/no-such-workspace");
        assertThat(home.notFoundTitle()).isVisible();
        axe.check(page, "not found");

        assertThat(axe.violationsByView()).as("views checked").hasSize(27);
        assertThat(axe.violationsByView().values()).as("serious or critical axe-core violations:\n%s", axe.report())
                .allMatch(java.util.List::isEmpty);
    }

    /** A confirm dialog's host element has no box of its own: its confirm button shows it is open. */
    private Locator confirmDialog(String id) {
        return page.locator("#" + id + " vaadin-button[slot=confirm-button]");
    }
}
