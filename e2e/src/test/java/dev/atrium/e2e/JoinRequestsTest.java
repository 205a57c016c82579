package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;

import dev.atrium.admin.dns.TestDns;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.JoinRequestPages;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/** Joining by domain end to end: a colleague of a verified domain asks to join, an admin approves with a role. */
@AtriumE2ETest
class JoinRequestsTest extends BrowserTest {

    @Autowired TestDns dns;

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
}
