package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import dev.atrium.e2e.pages.AcceptInvitationPage;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.ProjectsPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/** The sample host's Projects: its data lives in each workspace's schema, behind its own permissions. */
@AtriumE2ETest
class ProjectsTest extends BrowserTest {

    @Test
    void aProjectCreatedInOneWorkspaceIsNeverSeenInAnother() {
        AppShell shell = signIn(page, uniqueEmail("pat"), "Pat Planner");
        String first = unique("Pat One");
        String second = unique("Pat Two");
        shell.openCreateFromWelcome().enterName(first).submit();
        WorkspaceHomePage home = new WorkspaceHomePage(page);
        assertThat(home.title()).hasText(first);
        String project = unique("Apollo");

        ProjectsPage projects = new ProjectsPage(page).openFromNavigation();
        projects.create(project);
        assertThat(projects.row(project)).isVisible();
        projects.rename(project, project + " v2");
        assertThat(projects.row(project + " v2")).isVisible();

        shell.openCreateFromSwitcher().enterName(second).submit();
        assertThat(home.title()).hasText(second);
        assertThat(page.locator("#workspace-project-count")).hasText("0");
        projects.openFromNavigation();
        assertThat(projects.newProjectButton()).isVisible();
        assertThat(projects.row("Apollo")).hasCount(0);
        projects.create("Only in two");
        assertThat(projects.row("Only in two")).isVisible();

        shell.switchTo(first);
        assertThat(home.title()).hasText(first);
        assertThat(page.locator("#workspace-project-count")).hasText("1");
        projects.openFromNavigation();
        assertThat(projects.row(project + " v2")).isVisible();
        assertThat(projects.row("Only in two")).hasCount(0);
        projects.delete(project + " v2");
        assertThat(projects.row(project + " v2")).hasCount(0);
    }

    @Test
    void aMemberWithoutProjectsEditSeesTheProjectsButIsOfferedNoChange() {
        AppShell owner = signIn(page, uniqueEmail("olive"), "Olive Owner");
        String workspace = unique("Guarded");
        owner.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        String slug = slugOf(page);
        ProjectsPage projects = new ProjectsPage(page).open(slug);
        projects.create("Roadmap");
        assertThat(projects.row("Roadmap")).isVisible();

        String member = uniqueEmail("gil");
        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        invitations.invite(member, "Member");
        String link = invitations.link(0).inputValue();
        invitations.closeLinks();
        Page memberPage = newPage();
        memberPage.navigate(link);
        new SignInPage(memberPage).signIn(member, "Gil Member");
        new AcceptInvitationPage(memberPage).accept();
        assertThat(new WorkspaceHomePage(memberPage).title()).hasText(workspace);

        ProjectsPage memberProjects = new ProjectsPage(memberPage).openFromNavigation();
        assertThat(memberProjects.row("Roadmap")).isVisible();
        assertThat(memberProjects.newProjectButton()).isHidden();
        assertThat(memberProjects.rowButton("Rename Roadmap")).hasCount(0);
        assertThat(memberProjects.rowButton("Delete Roadmap")).hasCount(0);
    }
}
