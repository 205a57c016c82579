package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;

import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.CreateWorkspaceDialog;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

@AtriumE2ETest
class WorkspacesTest extends BrowserTest {

    @Test
    void twoPeopleSignInEachCreatesAWorkspaceAndNeitherCanOpenTheOthersByUrl() {
        AppShell alice = signIn(page, uniqueEmail("alice"), "Alice Example");
        String aliceWorkspace = unique("Alice Labs");
        alice.openCreateFromWelcome().enterName(aliceWorkspace).submit();
        WorkspaceHomePage aliceHome = new WorkspaceHomePage(page);
        assertThat(aliceHome.title()).hasText(aliceWorkspace);
        assertThat(aliceHome.memberCount()).hasText("1");
        assertThat(aliceHome.yourRole()).hasText("Owner");
        String aliceUrl = "/w/" + slugOf(page);

        Page bobPage = newPage();
        AppShell bob = signIn(bobPage, uniqueEmail("bob"), "Bob Example");
        String bobWorkspace = unique("Bob Works");
        bob.openCreateFromWelcome().enterName(bobWorkspace).submit();
        assertThat(new WorkspaceHomePage(bobPage).title()).hasText(bobWorkspace);

        bobPage.navigate(aliceUrl);
        WorkspaceHomePage bobAtAlices = new WorkspaceHomePage(bobPage);
        assertThat(bobAtAlices.notFoundTitle()).hasText("Not found");
        assertThat(bobPage.locator("body")).not().containsText(aliceWorkspace);
        assertThat(bobAtAlices.title()).hasCount(0);
    }

    @Test
    void theHeadersToggleHidesAndShowsTheWorkspacesNavigation() {
        AppShell shell = signIn(page, uniqueEmail("dora"), "Dora Example");
        String workspace = unique("Dora Desk");
        shell.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        assertThat(shell.navigation().first()).isVisible();

        shell.drawerToggle().click();
        assertThat(shell.navigation().first()).isHidden();
        shell.drawerToggle().click();
        assertThat(shell.navigation().first()).isVisible();
    }

    @Test
    void aPersonWithTwoWorkspacesSwitchesBetweenThemAndSeesEachOnesOwnData() {
        AppShell shell = signIn(page, uniqueEmail("carol"), "Carol Example");
        String first = unique("Carol One");
        String second = unique("Carol Two");
        shell.openCreateFromWelcome().enterName(first).submit();
        WorkspaceHomePage home = new WorkspaceHomePage(page);
        assertThat(home.title()).hasText(first);
        shell.openCreateFromSwitcher().enterName(second).submit();
        assertThat(home.title()).hasText(second);
        assertThat(page).hasURL(Pattern.compile("/w/carol-two-[0-9a-f]+$"));

        shell.switchTo(first);
        assertThat(home.title()).hasText(first);
        assertThat(page).hasURL(Pattern.compile("/w/carol-one-[0-9a-f]+$"));
        assertThat(shell.switcher()).containsText(first);

        shell.switchTo(second);
        assertThat(home.title()).hasText(second);
        assertThat(page).hasURL(Pattern.compile("/w/carol-two-[0-9a-f]+$"));
        assertThat(home.address()).hasText(Pattern.compile("^/w/carol-two-"));
    }

    @Test
    void theAddressFollowsTheNameAndBadNamesGetAClearMessageAndCreateNothing() {
        AppShell shell = signIn(page, uniqueEmail("dave"), "Dave Example");
        CreateWorkspaceDialog dialog = shell.openCreateFromWelcome();

        dialog.enterName("   ").submit();
        assertThat(dialog.nameError()).hasText("Enter a name for the workspace.");

        dialog.enterName("x".repeat(101)).submit();
        assertThat(dialog.nameError()).containsText("at most 100 characters");

        dialog.enterName("Café Ünïcode");
        assertThat(dialog.slugField()).hasValue("cafe-unicode");

        dialog.enterName("日本語");
        assertThat(dialog.slugField()).hasValue("");
        dialog.submit();
        assertThat(dialog.slugField()).hasValue("");
        assertThat(page.locator("#workspace-slug-field")).hasAttribute("invalid", "");

        page.reload();
        assertThat(page.locator("#welcome-title")).hasText("Create your first workspace");
    }

    @Test
    void aNameWhoseAddressIsTakenIsRefusedInTheDialog() {
        String name = unique("Globex");
        AppShell erin = signIn(page, uniqueEmail("erin"), "Erin Example");
        erin.openCreateFromWelcome().enterName(name).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(name);

        Page frankPage = newPage();
        AppShell frank = signIn(frankPage, uniqueEmail("frank"), "Frank Example");
        CreateWorkspaceDialog dialog = frank.openCreateFromWelcome();
        dialog.enterName(name.toUpperCase()).submit();
        assertThat(dialog.slugError()).containsText("already taken");
        frankPage.reload();
        assertThat(frankPage.locator("#welcome-title")).hasText("Create your first workspace");
    }

    @Test
    void anOwnerRenamesTheWorkspaceAndTheSwitcherFollowsWhileTheAddressStays() {
        AppShell shell = signIn(page, uniqueEmail("rita"), "Rita Example");
        String name = unique("Rita Old");
        shell.openCreateFromWelcome().enterName(name).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(name);
        String slug = slugOf(page);

        page.locator("#nav-settings").click();
        String renamed = unique("Rita New");
        page.locator("#workspace-rename-field input").fill(renamed);
        page.locator("#save-workspace-name").click();

        assertThat(shell.switcher()).containsText(renamed);
        page.navigate("/w/" + slug);
        assertThat(new WorkspaceHomePage(page).title()).hasText(renamed);
    }

    @Test
    void theLastActiveWorkspaceIsRememberedAcrossSignInsAndSignOutWorks() {
        String email = uniqueEmail("grace");
        AppShell shell = signIn(page, email, "Grace Example");
        String first = unique("Grace One");
        String second = unique("Grace Two");
        shell.openCreateFromWelcome().enterName(first).submit();
        shell.openCreateFromSwitcher().enterName(second).submit();
        shell.switchTo(first);
        WorkspaceHomePage home = new WorkspaceHomePage(page);
        assertThat(home.title()).hasText(first);

        shell.signOut();
        // Signed out at Atrium and at the provider: the next page asks to sign in again.
        new SignInPage(page).waitUntilShown();
        page.navigate("/");
        new SignInPage(page).waitUntilShown();

        Page later = newPage();
        signIn(later, email, "Grace Example");
        assertThat(new WorkspaceHomePage(later).title()).hasText(first);
        assertThat(later).hasURL(Pattern.compile("/w/grace-one-[0-9a-f]+(\\?continue)?$"));
    }
}
