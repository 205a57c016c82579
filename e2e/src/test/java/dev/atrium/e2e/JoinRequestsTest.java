package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Arrays;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.Page;

import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.mail.MailText;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.CreateWorkspaceDialog;
import dev.atrium.e2e.pages.JoinRequestPages;
import dev.atrium.e2e.pages.WorkspaceHomePage;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Joining by domain end to end: a colleague of a verified domain asks to join (from the welcome page, or, having a
 * workspace already, from the header's switcher, also offered in the create-workspace dialog), an admin approves with a
 * role, and the colleague is e-mailed the outcome.
 */
@AtriumE2ETest
class JoinRequestsTest extends BrowserTest {

    @Autowired TestDns dns;
    @Autowired GreenMail mailSink;

    @Test
    void aColleagueOfAVerifiedDomainRequestsToJoinAndAnAdminApprovesWithARole() {
        AppShell owner = signIn(page, uniqueEmail("olga"), "Olga Owner");
        VerifiedWorkspace acme = VerifiedWorkspace.create(page, owner, unique("Acme"), "acme", dns);
        JoinRequestPages admin = new JoinRequestPages(page);
        admin.chooseMode(acme.slug(), "Request: a member who may invite approves or denies");
        assertThat(admin.notification()).containsText("Joining by domain saved.");

        Page colleaguePage = newPage();
        String carl = "carl-" + UUID.randomUUID().toString().substring(0, 8) + "@" + acme.domain();
        signIn(colleaguePage, carl, "Carl Colleague");
        JoinRequestPages colleague = new JoinRequestPages(colleaguePage);
        assertThat(colleague.suggestion(acme.slug())).containsText("Your colleagues at " + acme.domain() + " use " + acme.name());
        colleague.requestToJoin(acme.slug());
        assertThat(colleague.requested(acme.slug())).hasText("Request sent: waiting for an admin");

        admin.approve(acme.slug(), carl, "Admin");
        assertThat(admin.notification()).containsText(carl + " joined as Admin.");

        colleaguePage.navigate("/welcome");
        assertThat(colleague.outcome()).hasText("Your request to join " + acme.name()
                + " was approved: you are a member with the role Admin.");
        colleaguePage.navigate("/w/" + acme.slug());
        assertThat(new WorkspaceHomePage(colleaguePage).yourRole()).hasText("Admin");
    }

    @Test
    void aColleagueWithAWorkspaceAsksFromTheSwitcherSeesItInTheCreateDialogAndIsMailedTheApproval() {
        AppShell owner = signIn(page, uniqueEmail("otto"), "Otto Owner");
        VerifiedWorkspace acme = VerifiedWorkspace.create(page, owner, unique("Acme"), "acme", dns);
        Page colleaguePage = newPage();
        String dora = "dora-" + UUID.randomUUID().toString().substring(0, 8) + "@" + acme.domain();
        AppShell colleague = signIn(colleaguePage, dora, "Dora Colleague");
        String own = unique("Dora's");
        colleague.openCreateFromWelcome().enterName(own).submit();
        assertThat(new WorkspaceHomePage(colleaguePage).title()).hasText(own);

        JoinRequestPages admin = new JoinRequestPages(page);
        admin.chooseMode(acme.slug(), "Request: a member who may invite approves or denies");
        assertThat(admin.notification()).containsText("Joining by domain saved.");

        colleaguePage.reload();
        String colleagues = "Your colleagues at " + acme.domain() + " use " + acme.name();
        CreateWorkspaceDialog dialog = colleague.openCreateFromSwitcher();
        assertThat(dialog.joinSuggestion(acme.slug())).containsText(colleagues);
        assertThat(dialog.joinSuggestion(acme.slug()).locator(".join-request-button")).hasText("Request to join");
        dialog.cancel();

        assertThat(colleague.joinSuggestion(acme.slug())).hasText(colleagues);
        assertThat(colleague.joinAction(acme.slug())).hasText("Request to join");
        colleague.joinAction(acme.slug()).click();
        JoinRequestPages requester = new JoinRequestPages(colleaguePage);
        assertThat(requester.notification()).containsText("Your request to join " + acme.name() + " was sent.");
        colleague.joinSuggestion(acme.slug());
        assertThat(colleague.joinAction(acme.slug())).hasText("Request sent");
        assertThat(colleague.joinAction(acme.slug())).hasAttribute("disabled", "");
        colleague.closeMenu();
        CreateWorkspaceDialog again = colleague.openCreateFromSwitcher();
        assertThat(again.joinSuggestion(acme.slug()).locator(".join-requested")).hasText("Request sent: waiting for an admin");
        again.cancel();

        admin.approve(acme.slug(), dora, "Admin");
        assertThat(admin.notification()).containsText(dora + " joined as Admin.");

        String workspaceLink = baseUrl() + "/w/" + acme.slug();
        assertThat(plainTextOfMailTo(dora))
                .contains("Your request to join the workspace \"" + acme.name() + "\" on Atrium was approved: "
                        + "you are a member with the role Admin.")
                .contains(workspaceLink);
        colleaguePage.navigate(workspaceLink);
        assertThat(new WorkspaceHomePage(colleaguePage).yourRole()).hasText("Admin");
    }

    /** The one mail to the address; it leaves through the outbox after the decision committed. */
    private String plainTextOfMailTo(String address) {
        await().until(() -> mailsTo(address).length > 0);
        assertThat(mailsTo(address)).hasSize(1);
        return MailText.plainText(mailsTo(address)[0]);
    }

    private MimeMessage[] mailsTo(String address) {
        return Arrays.stream(mailSink.getReceivedMessages()).filter(mail -> recipient(mail).equalsIgnoreCase(address))
                .toArray(MimeMessage[]::new);
    }

    private static String recipient(MimeMessage mail) {
        try {
            return mail.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
