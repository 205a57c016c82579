package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;

import dev.atrium.admin.jobs.ClusterJobs;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.workspace.WorkspaceDeletionService;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.DeleteWorkspaceDialog;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/**
 * An Owner exports and deletes a workspace (typing its name), restores it from the switcher, deletes it again, and
 * after the grace period (the clock moved, the purge job run through the scheduler) it is gone for good.
 */
@AtriumE2ETest
class DeleteWorkspaceTest extends BrowserTest {

    @Autowired MutableClock clock;
    @Autowired ClusterJobs jobs;
    @Autowired WorkspaceDeletionService deletions;

    @Test
    void deleteAfterExportRestoreThenDeleteAgainAndAfterTheGracePeriodItIsGoneForGood() throws IOException {
        AppShell shell = signIn(page, uniqueEmail("erin"), "Erin Example");
        String name = unique("Erin Co");
        shell.openCreateFromWelcome().enterName(name).submit();
        WorkspaceHomePage home = new WorkspaceHomePage(page);
        assertThat(home.title()).hasText(name);
        String slug = slugOf(page);

        DeleteWorkspaceDialog dialog = new DeleteWorkspaceDialog(page).open(slug);
        Download export = dialog.export();
        assertThat(entries(export)).containsExactly("members.jsonl", "roles.jsonl", "invitations.jsonl", "audit-log.jsonl");
        dialog.typeName("not the name").confirm();
        assertThat(dialog.nameError()).hasText("Type the workspace's name exactly to confirm.");
        dialog.typeName(name).confirm();

        assertThat(shell.welcomeTitle()).hasText("Create your first workspace");
        page.navigate("/w/" + slug);
        assertThat(home.notFoundTitle()).hasText("Not found");
        page.navigate("/");
        assertThat(shell.welcomeTitle()).isVisible();
        Locator deleted = shell.deletedEntry(slug);
        assertThat(deleted).containsText("Deleted - restore until");
        deleted.click();
        assertThat(home.title()).hasText(name);

        new DeleteWorkspaceDialog(page).open(slug).typeName(name).confirm();
        assertThat(shell.welcomeTitle()).isVisible();
        clock.advance(deletions.grace().plusMinutes(1));
        jobs.runNow(WorkspaceDeletionService.JOB);

        page.reload();
        assertThat(shell.welcomeTitle()).isVisible();
        assertThat(shell.deletedEntry(slug)).hasCount(0);
        page.navigate("/w/" + slug);
        assertThat(home.notFoundTitle()).hasText("Not found");
    }

    private static List<String> entries(Download download) throws IOException {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(download.path()); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
