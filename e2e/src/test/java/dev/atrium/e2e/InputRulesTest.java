package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.CreateWorkspaceDialog;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/** Bad input gets a clear message where the person typed it, and nothing is created. */
@AtriumE2ETest
class InputRulesTest extends BrowserTest {

    @Test
    void aWorkspaceNameWithALinkIsRefusedInTheCreateDialogAndNothingIsCreated() {
        AppShell shell = signIn(page, uniqueEmail("mallory"), "Mallory Example");
        CreateWorkspaceDialog dialog = shell.openCreateFromWelcome();

        dialog.enterName("Support https://evil.example").submit();
        assertThat(dialog.nameError()).hasText("The name cannot contain a web or e-mail address (such as example.com or a@b): "
                + "e-mails and chats would show it as a link.");
        dialog.enterName("Billing at evil.com").submit();
        assertThat(dialog.nameError()).containsText("cannot contain a web or e-mail address");

        page.reload();
        assertThat(page.locator("#welcome-title")).hasText("Create your first workspace");
    }

    @Test
    void anOverlongAddressAndAHugePasteAreRefusedInTheInviteDialogAndNobodyIsInvited() {
        AppShell shell = signIn(page, uniqueEmail("ivan"), "Ivan Example");
        String workspace = unique("Ivan Works");
        shell.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        InvitationsPage invitations = new InvitationsPage(page).open(slugOf(page));

        invitations.submitInvite(("a".repeat(300) + "@example.test ").repeat(50));
        assertThat(invitations.inviteError()).containsText("That is too much text for a list of addresses");

        page.keyboard().press("Escape");
        String overlong = "ivan" + "x".repeat(250) + "@example.test";
        invitations.submitInvite(overlong);
        assertThat(invitations.rejections()).containsText("Longer than 254 characters: not a valid e-mail address.");
        invitations.closeLinks();
        assertThat(invitations.cellWith("ivanxxx")).hasCount(0);
    }
}
