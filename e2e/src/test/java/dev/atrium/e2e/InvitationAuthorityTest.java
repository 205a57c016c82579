package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;

import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;

import dev.atrium.e2e.pages.AcceptInvitationPage;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.MembersPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/** An invitation does not outlive its inviter's authority: the invitee is told, and the workspace's admins see why. */
@AtriumE2ETest
class InvitationAuthorityTest extends BrowserTest {

    @Autowired DSLContext platform;

    @Test
    void anInvitationFromAnAdminWhoWasDemotedIsRefusedAndTheInvitationsGridSaysWhy() {
        String workspace = unique("Quorum");
        signIn(page, uniqueEmail("olga"), "Olga Owner").openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        String slug = slugOf(page);
        String ivan = uniqueEmail("ivan");
        String xena = uniqueEmail("xena");

        InvitationsPage ownersInvitations = new InvitationsPage(page).open(slug);
        ownersInvitations.invite(ivan, "Admin");
        String ivansLink = ownersInvitations.link(0).inputValue();
        ownersInvitations.closeLinks();
        Page ivanPage = newPage();
        ivanPage.navigate(ivansLink);
        new SignInPage(ivanPage).signIn(ivan, "Ivan Inviter");
        new AcceptInvitationPage(ivanPage).accept();
        assertThat(new WorkspaceHomePage(ivanPage).title()).hasText(workspace);

        InvitationsPage ivansInvitations = new InvitationsPage(ivanPage).open(slug);
        ivansInvitations.invite(xena, "Admin");
        String xenasLink = ivansInvitations.link(0).inputValue();
        ivansInvitations.closeLinks();

        MembersPage members = new MembersPage(page).open(slug);
        UUID ivanId = accountId(ivan);
        members.changeRole(ivanId, "Member");
        assertThat(members.roleSelect(ivanId)).containsText("Member");

        Page xenaPage = newPage();
        xenaPage.navigate(xenasLink);
        new SignInPage(xenaPage).signIn(xena, "Xena Invitee");
        AcceptInvitationPage acceptance = new AcceptInvitationPage(xenaPage);
        assertThat(acceptance.title()).hasText("This invitation can no longer be accepted");
        assertThat(acceptance.message()).containsText("Ivan Inviter invited you to " + workspace + " as Admin, but can no longer give that role");
        assertThat(acceptance.acceptButton()).hasCount(0);

        ownersInvitations.open(slug);
        ownersInvitations.filter(xena);
        assertThat(ownersInvitations.inviterLostAuthorityFlags()).hasCount(1);
        assertThat(ownersInvitations.inviterLostAuthorityFlags()).hasText("Inviter no longer allowed");
        ownersInvitations.filter(ivan);
        assertThat(ownersInvitations.cellWith("Accepted")).isVisible();
        assertThat(ownersInvitations.inviterLostAuthorityFlags()).hasCount(0);
    }

    private UUID accountId(String email) {
        return platform.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.EMAIL.eq(email)).fetchSingle().value1();
    }
}
