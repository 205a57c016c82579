package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.microsoft.playwright.Page;

import dev.atrium.admin.mail.MailText;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.e2e.pages.AcceptInvitationPage;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.DevInboxPage;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.MembersPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;
import jakarta.mail.internet.MimeMessage;

@AtriumE2ETest
class MembersAndInvitationsTest extends BrowserTest {

    @Autowired GreenMail mailSink;
    @Autowired DSLContext platform;
    @Autowired JavaMailSender mailSender;
    @Autowired MutableClock clock;

    @Test
    void anOwnerInvitesCopiesTheLinkAndTheInviteeAcceptsIntoTheRoleTheOwnerThenChanges() {
        String workspace = unique("Orbit");
        String slug = newWorkspace(page, "Olivia Owner", workspace);
        String amir = uniqueEmail("amir");
        String bea = uniqueEmail("bea");

        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        invitations.invite(amir + ", " + bea + "\nnot-an-address", "Member");

        String link = invitations.link(0).inputValue();
        assertThat(link).startsWith(baseUrl() + "/invite/");
        invitations.copyLink(0);
        assertThat((String) page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(link);
        assertThat(invitations.rejections()).containsText("not-an-address");
        assertThat(bodyOfMailTo(amir)).contains(link).contains("Olivia Owner invited you to join the workspace \"" + workspace + "\"")
                .contains("as Member");
        invitations.closeLinks();
        assertThat(invitations.cellWith(amir)).isVisible();
        assertThat(invitations.cellWith(bea)).isVisible();
        await().until(() -> "sent".equals(mailStatus(slug, amir)));
        invitations.open(slug);
        assertThat(invitations.mailStateOf(amir)).hasText("Sent");

        Page amirPage = newPage();
        amirPage.navigate(link);
        new SignInPage(amirPage).signIn(amir, "Amir Invitee");
        AcceptInvitationPage acceptance = new AcceptInvitationPage(amirPage);
        assertThat(acceptance.title()).hasText("Join " + workspace);
        assertThat(acceptance.message()).containsText("Olivia Owner invited you to join " + workspace + " as Member");
        acceptance.accept();
        WorkspaceHomePage amirHome = new WorkspaceHomePage(amirPage);
        assertThat(amirHome.title()).hasText(workspace);
        assertThat(amirHome.yourRole()).hasText("Member");
        assertThat(new AppShell(amirPage).switcher()).containsText(workspace);

        MembersPage members = new MembersPage(page).open(slug);
        assertThat(members.row(amir)).isVisible();
        UUID amirId = accountId(amir);
        assertThat(members.roleSelect(amirId)).containsText("Member");
        members.changeRole(amirId, "Admin");
        assertThat(members.roleSelect(amirId)).containsText("Admin");
        members.filterByRole("Admin");
        assertThat(members.roleFilter()).containsText("Admin");
        assertThat(members.row(amir)).isVisible();
        assertThat(members.row("Olivia Owner")).hasCount(0);
        members.filterByRole("Owner");
        assertThat(members.row("Olivia Owner")).isVisible();
        assertThat(members.row(amir)).hasCount(0);
        members.filterByRole("All roles");
        assertThat(members.row(amir)).isVisible();
        assertThat(members.row("Olivia Owner")).isVisible();

        amirPage.reload();
        assertThat(amirHome.yourRole()).hasText("Admin");
        amirPage.navigate(link);
        assertThat(acceptance.title()).hasText("This invitation has already been used");
        assertThat(amirPage.locator("body")).not().containsText(workspace);
    }

    @Test
    void anOwnerResendsAndCancelsInvitationsRemovesAMemberAndCannotRemoveTheLastOwner() {
        String workspace = unique("Nimbus");
        String slug = newWorkspace(page, "Nora Owner", workspace);
        String cleo = uniqueEmail("cleo");
        String dan = uniqueEmail("dan");
        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        invitations.invite(cleo + " " + dan, "Member");
        String cleoLink = invitations.link(0).inputValue();
        String firstDanLink = invitations.link(1).inputValue();
        invitations.closeLinks();

        clock.advance(Duration.ofMinutes(2)); // past the resend interval (one minute)
        invitations.selectOnly(dan);
        invitations.resendSelected();
        // The resend shows the new link, as inviting does; its mail carries the same one.
        invitations.link(0).waitFor();
        String secondDanLink = invitations.link(0).inputValue();
        assertThat(secondDanLink).isNotEqualTo(firstDanLink);
        invitations.closeLinks();
        await().until(() -> Arrays.asList(mailsTo(dan)).contains(secondDanLink));

        Page danPage = newPage();
        danPage.navigate(firstDanLink);
        new SignInPage(danPage).signIn(dan, "Dan Invitee");
        AcceptInvitationPage danAcceptance = new AcceptInvitationPage(danPage);
        assertThat(danAcceptance.title()).hasText("This link was replaced by a newer invitation");
        assertThat(danAcceptance.acceptButton()).hasCount(0);

        invitations.selectOnly(dan);
        invitations.cancelSelected();
        assertThat(invitations.cellWith("Cancelled")).isVisible();
        danPage.navigate(secondDanLink);
        assertThat(danAcceptance.title()).hasText("This invitation was cancelled");
        assertThat(danPage.locator("body")).not().containsText(workspace);

        Page cleoPage = newPage();
        cleoPage.navigate(cleoLink);
        new SignInPage(cleoPage).signIn(cleo, "Cleo Invitee");
        new AcceptInvitationPage(cleoPage).accept();
        assertThat(new WorkspaceHomePage(cleoPage).title()).hasText(workspace);

        MembersPage members = new MembersPage(page).open(slug);
        UUID cleoId = accountId(cleo);
        members.remove(cleoId);
        assertThat(members.row(cleo)).hasCount(0);
        cleoPage.reload();
        assertThat(new WorkspaceHomePage(cleoPage).notFoundTitle()).hasText("Not found");

        assertThat(members.removeButton(accountId(ownerEmail))).hasCount(0);
        members.leave();
        assertThat(members.notification()).containsText("last Owner");
        page.reload();
        assertThat(members.row(ownerEmail)).isVisible();
    }

    /** An invitation a newer one replaced is closed for good: nothing to tick or open in its row, and it says why. */
    @Test
    void anInvitationReplacedByANewerOneOffersNoSelectionNorMenuAndSaysWhy() {
        String slug = newWorkspace(page, "Rosa Owner", unique("Relay"));
        String fay = uniqueEmail("fay");
        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        invitations.invite(fay, "Member");
        invitations.closeLinks();
        clock.advance(Duration.ofDays(7).plusMinutes(1)); // past the workspace's default expiry
        invitations.invite(fay, "Member");
        invitations.closeLinks();

        invitations.filter(fay);
        assertThat(invitations.statusBadges("Expired")).hasCount(1);
        assertThat(invitations.statusBadges("Expired")).hasAttribute("title", "A newer invitation to this address replaced it.");
        assertThat(invitations.statusBadges("Pending")).hasCount(1);
        assertThat(invitations.rowCheckboxes()).hasCount(1);
        assertThat(invitations.rowMenus()).hasCount(1);
        assertThat(invitations.rowMenus()).hasAttribute("id", "invitation-menu-" + invitationIdOf(slug, fay, "pending"));
    }

    @Test
    void theMembersListShowsAPendingInvitationWhoseRowResendsWithANewLinkToCopyAndExtendsIt() {
        String workspace = unique("Harbor");
        String slug = newWorkspace(page, "Hanna Owner", workspace);
        String eve = uniqueEmail("eve");
        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        invitations.invite(eve, "Member");
        String firstLink = invitations.link(0).inputValue();
        invitations.closeLinks();

        MembersPage members = new MembersPage(page).open(slug);
        UUID invitationId = invitationColumn(slug, eve, "id", UUID.class);
        assertThat(members.pendingCell(eve)).isVisible();
        assertThat(members.pendingCell("Invitation sent for Member")).isVisible();
        members.filter("nobody-matches");
        assertThat(members.pendingCell(eve)).hasCount(0);
        members.filter(eve);
        assertThat(members.pendingCell(eve)).isVisible();

        clock.advance(Duration.ofMinutes(2)); // past the resend interval (one minute)
        members.resendInvitation(invitationId);
        invitations.link(0).waitFor();
        String newLink = invitations.link(0).inputValue();
        assertThat(newLink).startsWith(baseUrl() + "/invite/").isNotEqualTo(firstLink);
        invitations.copyLink(0);
        assertThat((String) page.evaluate("() => navigator.clipboard.readText()")).isEqualTo(newLink);
        invitations.closeLinks();

        clock.advance(Duration.ofMinutes(2));
        members.extendInvitation(invitationId);
        assertThat(members.notification()).containsText("its link stays the same");
        // The row shows the new expiry the notification names (the workspace's days from now, two minutes later).
        String newExpiry = members.notification().innerText().replaceAll("(?s).*now expires (.*); its link.*", "$1");
        assertThat(members.pendingCell(newExpiry)).isVisible();

        // The development inbox lists the resent mail with its link to click.
        await().until(() -> Arrays.asList(mailsTo(eve)).contains(newLink));
        DevInboxPage inbox = new DevInboxPage(page).open();
        assertThat(inbox.row(eve).first()).isVisible();
        assertThat(inbox.link(newLink)).isVisible();

        Page evePage = newPage();
        evePage.navigate(firstLink);
        new SignInPage(evePage).signIn(eve, "Eve Invitee");
        AcceptInvitationPage acceptance = new AcceptInvitationPage(evePage);
        assertThat(acceptance.title()).hasText("This link was replaced by a newer invitation");
        evePage.navigate(newLink);
        acceptance.accept();
        assertThat(new WorkspaceHomePage(evePage).title()).hasText(workspace);

        members.open(slug);
        assertThat(members.row(eve)).isVisible();
        assertThat(members.pendingGrid()).isHidden();
    }

    @Test
    void whileTheMailServerIsDownTheLinkIsShownTheGridSaysNotDeliveredAndTheMailGoesOutWhenItIsBack() throws IOException {
        String slug = newWorkspace(page, "Uma Owner", unique("Relay"));
        String ivo = uniqueEmail("ivo");
        JavaMailSenderImpl smtp = (JavaMailSenderImpl) mailSender;
        int sinkPort = smtp.getPort();
        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        String link;
        smtp.setPort(closedPort());
        try {
            invitations.invite(ivo, "Member");
            link = invitations.link(0).inputValue();
            assertThat(link).startsWith(baseUrl() + "/invite/");
            assertThat(page.locator("#invitation-links-dialog")).containsText("e-mail is queued");
            invitations.closeLinks();

            await().until(() -> "queued".equals(mailStatus(slug, ivo)) && mailAttempts(slug, ivo) > 0);
            invitations.open(slug);
            assertThat(invitations.mailStateOf(ivo)).hasText("Not delivered — retrying");
            assertThat(invitations.mailStateOf(ivo)).hasAttribute("title", Pattern.compile("^The mail server did not accept the e-mail\\. It answered: .*connect", Pattern.CASE_INSENSITIVE | Pattern.DOTALL));
        } finally {
            smtp.setPort(sinkPort);
        }

        assertThat(bodyOfMailTo(ivo)).contains(link);
        await().until(() -> "sent".equals(mailStatus(slug, ivo)));
        invitations.open(slug);
        assertThat(invitations.mailStateOf(ivo)).hasText("Sent");
    }

    /** A port nothing listens on: the mail server is down. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String ownerEmail;

    private String newWorkspace(Page page, String ownerName, String workspace) {
        ownerEmail = uniqueEmail(ownerName.split(" ")[0].toLowerCase());
        AppShell shell = signIn(page, ownerEmail, ownerName);
        shell.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        return slugOf(page);
    }

    private UUID accountId(String email) {
        return platform.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.EMAIL.eq(email)).fetchSingle().value1();
    }


    /** How the invitation's latest mail fared, as the invitations grid shows it. */
    private String mailStatus(String slug, String email) {
        return invitationColumn(slug, email, "mail_status", String.class);
    }

    private int mailAttempts(String slug, String email) {
        return invitationColumn(slug, email, "mail_attempts", Integer.class);
    }

    private UUID invitationIdOf(String slug, String email, String status) {
        return invitationColumn(slug, email, DSL.field(DSL.name("status"), String.class).eq(status), "id", UUID.class);
    }

    private <T> T invitationColumn(String slug, String email, String column, Class<T> type) {
        return invitationColumn(slug, email, DSL.noCondition(), column, type);
    }

    private <T> T invitationColumn(String slug, String email, Condition also, String column, Class<T> type) {
        String schema = platform.select(WORKSPACE.SCHEMA_NAME).from(WORKSPACE).where(WORKSPACE.SLUG.eq(slug)).fetchSingle().value1();
        return platform.select(DSL.field(DSL.name(column), type)).from(DSL.table(DSL.name(schema, "invitation")))
                .where(DSL.field(DSL.name("email"), String.class).eq(email), also).fetchSingle().value1();
    }

    /** Mails go out after the invitation committed: waits for the one to this address. */
    private String bodyOfMailTo(String address) {
        await().until(() -> messagesTo(address).length > 0);
        MimeMessage[] mails = messagesTo(address);
        assertThat(mails).hasSize(1);
        return MailText.plainText(mails[0]);
    }

    /** The invitation links of the mails to the address, oldest first. */
    private String[] mailsTo(String address) {
        return Arrays.stream(messagesTo(address)).map(MailText::linkIn).toArray(String[]::new);
    }

    private MimeMessage[] messagesTo(String address) {
        return Arrays.stream(mailSink.getReceivedMessages()).filter(m -> GreenMailUtil.getAddressList(
                uncheckedRecipients(m)).equalsIgnoreCase(address)).toArray(MimeMessage[]::new);
    }

    private static jakarta.mail.Address[] uncheckedRecipients(MimeMessage message) {
        try {
            return message.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
