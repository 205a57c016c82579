package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

import dev.atrium.e2e.pages.AcceptInvitationPage;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.AuditLogPage;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.MembersPage;
import dev.atrium.e2e.pages.ProjectsPage;
import dev.atrium.e2e.pages.RolesPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;
import dev.atrium.e2e.pages.WorkspaceSettingsPage;

/**
 * Every page Atrium serves carries its security headers, and Vaadin runs under the Content-Security-Policy without
 * a single violation: the browser reports none on any view.
 */
@AtriumE2ETest
class SecurityHeadersTest extends BrowserTest {

    private SecurityPolicyWatch ownerWatch;

    @BeforeEach
    void watchOwnerPage() {
        ownerWatch = new SecurityPolicyWatch(page, baseUrl());
    }

    @Test
    void everyViewRunsUnderTheContentSecurityPolicyWithoutViolations() {
        page.navigate("/login");
        assertThat(signInLink()).isVisible();
        assertThat(ownerWatch.checkpoint("login")).isEmpty();

        AppShell shell = signIn(page, uniqueEmail("cleo"), "Cleo Example");
        assertThat(page.locator("#welcome-title")).isVisible();
        assertThat(ownerWatch.checkpoint("welcome")).isEmpty();

        String workspace = unique("Cleo Secure");
        shell.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        String slug = slugOf(page);
        page.navigate("/w/" + slug);
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        assertThat(ownerWatch.checkpoint("home")).isEmpty();

        new MembersPage(page).open(slug);
        assertThat(ownerWatch.checkpoint("members")).isEmpty();

        new ProjectsPage(page).open(slug).create(unique("Secure project"));
        assertThat(ownerWatch.checkpoint("projects")).isEmpty();

        String invitee = uniqueEmail("ivo");
        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        invitations.invite(invitee, "Member");
        String link = invitations.link(0).inputValue();
        invitations.closeLinks();
        assertThat(ownerWatch.checkpoint("invitations")).isEmpty();

        RolesPage roles = new RolesPage(page).open(slug);
        roles.create(unique("Auditor"), "audit.view");
        assertThat(ownerWatch.checkpoint("roles")).isEmpty();

        new AuditLogPage(page).open(slug);
        assertThat(ownerWatch.checkpoint("audit")).isEmpty();

        new WorkspaceSettingsPage(page).open(slug);
        assertThat(ownerWatch.checkpoint("settings")).isEmpty();

        Page inviteePage = newPage();
        SecurityPolicyWatch inviteeWatch = new SecurityPolicyWatch(inviteePage, baseUrl());
        inviteePage.navigate(link);
        new SignInPage(inviteePage).signIn(invitee, "Ivo Invitee");
        AcceptInvitationPage acceptance = new AcceptInvitationPage(inviteePage);
        assertThat(acceptance.title()).hasText("Join " + workspace);
        assertThat(inviteeWatch.checkpoint("invitation")).isEmpty();
        acceptance.accept();
        assertThat(new WorkspaceHomePage(inviteePage).title()).hasText(workspace);
        assertThat(inviteeWatch.checkpoint("joined")).isEmpty();

        List<Response> documents = ownerWatch.documents();
        assertThat(documents).extracting(Response::url).contains(baseUrl() + "/login", baseUrl() + "/w/" + slug,
                baseUrl() + "/w/" + slug + "/members", baseUrl() + "/w/" + slug + "/projects",
                baseUrl() + "/w/" + slug + "/invitations",
                baseUrl() + "/w/" + slug + "/roles", baseUrl() + "/w/" + slug + "/audit",
                baseUrl() + "/w/" + slug + "/settings");
        documents.forEach(document -> assertSecurityHeaders(document, "strict-origin-when-cross-origin"));
        List<Response> invitationDocuments = inviteeWatch.documents().stream()
                .filter(document -> document.url().startsWith(baseUrl() + "/invite/")).toList();
        assertThat(invitationDocuments).isNotEmpty();
        invitationDocuments.forEach(document -> assertSecurityHeaders(document, "no-referrer"));
    }

    @Test
    void anInjectedInlineScriptIsRefusedAndTheWatchReportsIt() {
        page.navigate("/login");
        assertThat(signInLink()).isVisible();
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.injected = true'; "
                + "document.head.append(s); }");
        assertThat(ownerWatch.checkpoint("injected")).anyMatch(v -> v.startsWith("script-src-elem blocked inline"));
        assertThat(page.evaluate("() => window.injected === undefined")).isEqualTo(true);
    }

    /** Atrium's sign-in page: it asks for the e-mail address first. */
    private Locator signInLink() {
        return new SignInPage(page).emailField();
    }

    private static void assertSecurityHeaders(Response document, String referrerPolicy) {
        Map<String, String> headers = document.allHeaders();
        String where = document.status() + " " + document.url();
        assertThat(headers.get("content-security-policy")).as(where)
                .containsPattern("script-src 'self' 'nonce-[A-Za-z0-9+/]{22}==' 'unsafe-inline' 'unsafe-eval'").contains("frame-ancestors 'none'")
                .contains("object-src 'none'");
        assertThat(headers).as(where).containsEntry("x-frame-options", "DENY")
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry("referrer-policy", referrerPolicy)
                .doesNotContainKey("strict-transport-security");
    }
}
