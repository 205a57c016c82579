package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;

import dev.atrium.e2e.pages.JoinLinksPage;
import dev.atrium.e2e.pages.JoinPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/** A shareable join link: shown once, used up by as many people as it allows, then refused; the admin follows and revokes it. */
@AtriumE2ETest
class JoinLinksTest extends BrowserTest {

    @Test
    void aTwoUseLinkLetsTwoPeopleJoinRefusesTheThirdAndCanBeRevoked() {
        String workspace = unique("Linkage");
        signIn(page, uniqueEmail("olga"), "Olga Owner").openCreateFromWelcome().enterName(workspace).submit();
        // Creating a workspace migrates its schema: the first one in a cold application can take longer than 5 s.
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace, new LocatorAssertions.HasTextOptions().setTimeout(30_000));
        String slug = slugOf(page);

        JoinLinksPage links = new JoinLinksPage(page).open(slug);
        String url = links.create("Member", 2);
        assertThat(links.cell("0 / 2")).isVisible();

        for (String person : new String[] {"Ada", "Ben"}) {
            Page joiner = newPage();
            joiner.navigate(url);
            new SignInPage(joiner).signIn(uniqueEmail(person.toLowerCase()), person + " Joiner");
            JoinPage join = new JoinPage(joiner);
            assertThat(join.title()).hasText("Join " + workspace);
            assertThat(join.message()).containsText("as Member");
            join.join();
            assertThat(new WorkspaceHomePage(joiner).title()).hasText(workspace);
        }

        Page third = newPage();
        third.navigate(url);
        new SignInPage(third).signIn(uniqueEmail("cleo"), "Cleo Late");
        JoinPage refused = new JoinPage(third);
        assertThat(refused.title()).hasText("This join link has been used up");
        assertThat(refused.joinButton()).hasCount(0);

        links.open(slug);
        assertThat(links.cell("2 / 2")).isVisible();
        assertThat(links.status()).hasText("Used up");
        links.revokeOnly();
        assertThat(links.status()).hasText("Revoked");

        third.navigate(url);
        assertThat(refused.title()).hasText("This join link was revoked");
    }
}
