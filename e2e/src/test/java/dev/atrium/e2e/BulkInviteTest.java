package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.icegreen.greenmail.util.GreenMail;
import com.microsoft.playwright.assertions.LocatorAssertions;

import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.BulkInviteDialog;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.LatestBulkInvite;
import dev.atrium.e2e.pages.WorkspaceHomePage;

@AtriumE2ETest
class BulkInviteTest extends BrowserTest {

    /** Making a workspace's schema, or inviting a hundred people, can take a while on a busy machine. */
    private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(30_000);

    @Autowired GreenMail mailSink;

    @Test
    void aCsvWithGoodAndBadRowsIsPreviewedRowByRowThenInvitedWithProgressAndTheResultDownloads() throws Exception {
        String workspace = unique("Harbor");
        AppShell shell = signIn(page, uniqueEmail("hanna"), "Hanna Owner");
        shell.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace, SLOW);
        String slug = slugOf(page);
        String ann = uniqueEmail("ann");
        String bob = uniqueEmail("bob");
        String csv = "email,role\n" + ann + ",member\n\"" + bob + "\",ADMIN\nnot-an-address,member\n"
                + uniqueEmail("cy") + ",Janitor\n" + ann.toUpperCase() + ",member\n";

        new InvitationsPage(page).open(slug);
        BulkInviteDialog bulk = new BulkInviteDialog(page).upload(csv);

        assertThat(bulk.row(ann).first()).isVisible();
        assertThat(bulk.rows()).containsText("not-an-address");
        assertThat(bulk.summary()).containsText("Will invite: 2");
        assertThat(bulk.summary()).containsText("Invalid address: 1");
        assertThat(bulk.summary()).containsText("Unknown role: 1");
        assertThat(bulk.summary()).containsText("Duplicate in file: 1");
        assertThat(bulk.confirm()).hasText("Invite 2 people");
        assertThat(mailSink.getReceivedMessagesForDomain(ann)).as("nothing sent before the confirmation").isEmpty();

        bulk.confirm().click();

        assertThat(bulk.progress()).hasText("Done. Each row's outcome is below.", SLOW);
        assertThat(bulk.summary()).containsText("Invited: 2");
        assertThat(bulk.summary()).containsText("Invalid address: 1");
        String result = bulk.download();
        assertThat(result.lines()).contains("email,role,outcome", ann + ",member,Invited", bob + ",ADMIN,Invited",
                "not-an-address,member,Invalid address");
        await().until(() -> mailSink.getReceivedMessagesForDomain(ann).length == 1
                && mailSink.getReceivedMessagesForDomain(bob).length == 1);

        // Whoever opens the page later finds the stored result.
        new InvitationsPage(page).open(slug);
        LatestBulkInvite latest = new LatestBulkInvite(page);
        assertThat(latest.status()).containsText("finished");
        assertThat(latest.summary()).containsText("Invited: 2");
        assertThat(latest.summary()).containsText("Duplicate in file: 1");
        assertThat(latest.download().lines()).contains("email,role,outcome", ann + ",member,Invited", bob + ",ADMIN,Invited",
                "not-an-address,member,Invalid address");
    }

    @Test
    void aFileTooBigSentPastTheBrowsersSizeCheckIsRefusedByTheServer() {
        String workspace = unique("Pier");
        AppShell shell = signIn(page, uniqueEmail("pia"), "Pia Owner");
        shell.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace, SLOW);
        new InvitationsPage(page).open(slugOf(page));

        // About 600 KB: over the limit of 451 KB, which the browser would have checked.
        BulkInviteDialog bulk = new BulkInviteDialog(page).sendPastTheBrowser(("p@example.test,member\n").repeat(28_000));

        assertThat(bulk.error()).hasText("The file is too big: at most 451 KB.");
        assertThat(bulk.confirm()).isHidden();
    }

    @Test
    void progressArrivesWithoutTheBrowserAskingAndAFileOfTooManyRowsIsRefused() {
        String workspace = unique("Quay");
        AppShell shell = signIn(page, uniqueEmail("quinn"), "Quinn Owner");
        shell.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace, SLOW);
        String slug = slugOf(page);

        new InvitationsPage(page).open(slug);
        BulkInviteDialog tooMany = new BulkInviteDialog(page).upload(IntStream.range(0, 1001)
                .mapToObj(i -> "p" + i + "@example.test,member").collect(Collectors.joining("\n")));
        assertThat(tooMany.error()).hasText("The file has more than 1,000 rows. Nothing was invited; split it into smaller files.");
        assertThat(tooMany.confirm()).isHidden();

        page.keyboard().press("Escape");
        String many = IntStream.range(0, 120).mapToObj(i -> uniqueEmail("m" + i) + ",member").collect(Collectors.joining("\n"));
        BulkInviteDialog bulk = new BulkInviteDialog(page).upload(many);
        assertThat(bulk.confirm()).hasText("Invite 120 people");
        bulk.confirm().click();

        // Nothing in the page asks the server again after the click: the result arrives by push.
        assertThat(bulk.progress()).hasText("Done. Each row's outcome is below.", SLOW);
        assertThat(bulk.summary()).hasText("Invited: 120");
        assertThat(Arrays.asList(bulk.downloadLink().getAttribute("href"))).isNotEmpty();
    }
}
