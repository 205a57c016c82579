package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;

import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;

import dev.atrium.e2e.pages.AcceptInvitationPage;
import dev.atrium.e2e.pages.ApiKeysPage;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.MembersPage;
import dev.atrium.e2e.pages.RolesPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

@AtriumE2ETest
class RolesAndPermissionsTest extends BrowserTest {

    @Autowired DSLContext platform;

    @Test
    void anAuditorSeesNoInvitingUntilTheOwnerGrantsItThenInvitesOnTheNextClickWithoutSigningInAgain() {
        String workspace = unique("Ledger");
        AppShell owner = signIn(page, uniqueEmail("olga"), "Olga Owner");
        owner.openCreateFromWelcome().enterName(workspace).submit();
        WorkspaceHomePage home = new WorkspaceHomePage(page);
        assertThat(home.title()).hasText(workspace);
        String slug = slugOf(page);

        String mia = uniqueEmail("mia");
        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        invitations.invite(mia, "Member");
        String link = invitations.link(0).inputValue();
        invitations.closeLinks();
        Page miaPage = newPage();
        miaPage.navigate(link);
        new SignInPage(miaPage).signIn(mia, "Mia Member");
        new AcceptInvitationPage(miaPage).accept();
        assertThat(new WorkspaceHomePage(miaPage).title()).hasText(workspace);

        RolesPage roles = new RolesPage(page).open(slug);
        roles.create("Auditor", "audit.view");
        assertThat(roles.cellWith("Auditor")).isVisible();
        MembersPage members = new MembersPage(page).open(slug);
        members.changeRole(accountId(mia), "Auditor");
        assertThat(members.roleSelect(accountId(mia))).containsText("Auditor");

        miaPage.reload();
        WorkspaceHomePage miaHome = new WorkspaceHomePage(miaPage);
        assertThat(miaHome.yourRole()).hasText("Auditor");
        assertThat(miaPage.locator("#workspace-nav")).not().containsText("Invitations");
        assertThat(miaPage.locator("#workspace-nav")).not().containsText("Roles");
        // The host's own page follows its own permission: an Auditor lacks projects.view.
        assertThat(miaPage.locator("#workspace-nav")).not().containsText("Projects");
        assertThat(miaPage.locator("#sample-projects")).hasCount(0);
        miaPage.navigate("/w/" + slug + "/projects");
        assertThat(miaHome.notFoundTitle()).hasText("Not found");
        miaPage.navigate("/w/" + slug + "/invitations");
        assertThat(miaHome.notFoundTitle()).hasText("Not found");
        assertThat(miaPage.locator("#invite-button")).hasCount(0);
        miaPage.navigate("/w/" + slug + "/roles");
        assertThat(miaHome.notFoundTitle()).hasText("Not found");
        miaPage.navigate("/w/" + slug);
        assertThat(miaHome.title()).hasText(workspace);

        roles.open(slug);
        roles.grant(roleKey(slug, "Auditor"), "members.invite");

        miaPage.locator("#workspace-nav vaadin-side-nav-item").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Home")).click();
        miaPage.locator("#workspace-nav vaadin-side-nav-item").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("Invitations")).click();
        InvitationsPage miaInvitations = new InvitationsPage(miaPage);
        assertThat(miaInvitations.inviteButton()).isVisible();
        miaInvitations.invite(uniqueEmail("guest"), "Guest");
        assertThat(miaInvitations.link(0)).hasValue(java.util.regex.Pattern.compile("/invite/"));
    }

    private UUID accountId(String email) {
        return platform.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.EMAIL.eq(email)).fetchSingle().value1();
    }

    /** A role held by nobody but an API key: its delete dialog says the key goes with it, and it does. */
    @Test
    void deletingARoleSaysWhichApiKeysGoWithItAndThenTheyAreGone() {
        signIn(page, uniqueEmail("rita"), "Rita Owner").openCreateFromWelcome().enterName(unique("Robots")).submit();
        new WorkspaceHomePage(page).title().waitFor();
        String slug = slugOf(page);
        RolesPage roles = new RolesPage(page).open(slug);
        roles.create("Robot", "members.view");
        assertThat(roles.cellWith("Robot")).isVisible();
        ApiKeysPage keys = new ApiKeysPage(page).open(slug);
        keys.startCreating("Nightly build", "Robot").submit();
        keys.secret().waitFor();
        keys.closeCreated();
        assertThat(keys.cell("Nightly build")).isVisible();

        roles.open(slug);
        roles.startDeleting(roleKey(slug, "Robot"));
        assertThat(roles.apiKeysTakenAlong()).hasText("1 API key with this role will be deleted and stop working at once.");
        roles.confirmDeletingUnused();
        assertThat(roles.cellWith("Robot")).hasCount(0);

        keys.open(slug);
        assertThat(keys.cell("Nightly build")).hasCount(0);
    }

    private String roleKey(String slug, String roleName) {
        String schema = platform.select(WORKSPACE.SCHEMA_NAME).from(WORKSPACE).where(WORKSPACE.SLUG.eq(slug)).fetchSingle().value1();
        return platform.select(DSL.field(DSL.name("key"), String.class)).from(DSL.table(DSL.name(schema, "role")))
                .where(DSL.field(DSL.name("name"), String.class).eq(roleName)).fetchSingle().value1();
    }
}
