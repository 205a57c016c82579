package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;

import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.e2e.pages.AcceptInvitationPage;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.AuditLogPage;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.SingleSignOnSection;
import dev.atrium.e2e.pages.SsoPolicySection;
import dev.atrium.e2e.pages.SsoRequiredPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * "Require SSO" end to end, with a real authorization-code flow: an admin verifies a domain, enables a connection to a
 * second issuer of the local mock-oauth2-server ({@code acme-idp}) and turns the policy on. A member of that domain who
 * signed in through the app-wide provider is then shown the page in between when opening the workspace, continues to
 * the workspace's identity provider and is let in with that session. An invitation to that domain opened with an
 * app-wide session is taken up through SSO too: the sign-in's just-in-time join consumes it.
 */
@AtriumE2ETest
class SsoRequiredTest extends BrowserTest {

    @Autowired MockOAuth2Server oidcProvider;
    @Autowired TestDns dns;

    @Test
    void withSsoRequiredAMemberOfTheVerifiedDomainSignedInAppWideIsSentThroughThePageInBetweenToTheIdpAndBackIn() {
        AppShell owner = signIn(page, uniqueEmail("olga"), "Olga Owner");
        VerifiedWorkspace verified = VerifiedWorkspace.create(page, owner, unique("Acme"), "acme", dns);
        String workspace = verified.name();
        String slug = verified.slug();
        String domain = verified.domain();
        // 127.0.0.1, as the app's local provider: the provider's cookies stay apart from the app's (localhost).
        String issuer = oidcProvider.issuerUrl("acme-idp").toString().replace("//localhost:", "//127.0.0.1:");
        SingleSignOnSection sso = new SingleSignOnSection(page).open(slug);
        sso.fill(issuer, "atrium-acme", "acme-secret").save();
        assertThat(sso.status()).hasText("Disabled");

        // While the connection is not enabled, Mia joins by invitation and Noah signs in: both app-wide.
        String mia = "mia-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        String miaLink = invite(slug, mia);
        Page miaPage = newPage();
        miaPage.navigate(miaLink);
        new SignInPage(miaPage).signIn(mia, "Mia Member");
        new AcceptInvitationPage(miaPage).accept();
        assertThat(new WorkspaceHomePage(miaPage).title()).hasText(workspace);
        String noah = "noah-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        Page noahPage = newPage();
        signIn(noahPage, noah, "Noah Newcomer");

        sso.open(slug).test();
        new SignInPage(page).atProvider("olga-at-acme", "{\"email\": \"olga@" + domain + "\"}");
        assertThat(sso.testResult()).containsText("The test sign-in worked.");
        sso.enable();
        assertThat(sso.status()).hasText("Enabled");
        SsoPolicySection policies = new SsoPolicySection(page).open(slug);
        assertThat(policies.requireSso()).not().isChecked();
        policies.requireSso().check();
        policies.save();
        assertThat(policies.notification()).containsText("SSO policies saved.");
        policies.open(slug);
        assertThat(policies.requireSso()).isChecked();
        assertThat(policies.paused()).isHidden();

        // Mia's app-wide session no longer opens the workspace: the page in between, then the workspace's IdP.
        miaPage.navigate("/w/" + slug);
        assertThat(miaPage).hasURL(Pattern.compile("/sso/" + slug + "/required$"));
        SsoRequiredPage between = new SsoRequiredPage(miaPage);
        assertThat(between.title()).hasText(workspace + " requires single sign-on");
        assertThat(between.message()).containsText("sign in through its identity provider");
        assertThat(between.continueLink()).hasAttribute("href", "/sso/" + slug);
        assertThat(new WorkspaceHomePage(miaPage).title()).hasCount(0);
        between.continueLink().click();
        miaPage.waitForURL(url -> url.startsWith(issuer + "/authorize?"));
        new SignInPage(miaPage).atProvider("mia-at-acme",
                "{\"email\": \"" + mia + "\", \"email_verified\": true, \"name\": \"Mia Member\"}");
        assertThat(miaPage).hasURL(Pattern.compile("/w/" + slug + "$"));
        assertThat(new WorkspaceHomePage(miaPage).title()).hasText(workspace);

        // The Owner's address is outside the domain: the policy does not apply to her.
        page.navigate("/w/" + slug);
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);

        // Noah's invitation, opened with his app-wide session, is taken up through the IdP; joining consumes it.
        String noahLink = invite(slug, noah);
        noahPage.navigate(noahLink);
        AcceptInvitationPage acceptance = new AcceptInvitationPage(noahPage);
        assertThat(acceptance.title()).hasText("Join " + workspace + " through single sign-on");
        assertThat(acceptance.acceptButton()).hasCount(0);
        assertThat(acceptance.continueThroughSso()).hasAttribute("href", "/sso/" + slug);
        acceptance.continueThroughSso().click();
        noahPage.waitForURL(url -> url.startsWith(issuer + "/authorize?"));
        new SignInPage(noahPage).atProvider("noah-at-acme",
                "{\"email\": \"" + noah + "\", \"email_verified\": true, \"name\": \"Noah Newcomer\"}");
        assertThat(noahPage).hasURL(Pattern.compile("/w/" + slug + "$"));
        assertThat(new WorkspaceHomePage(noahPage).yourRole()).containsText("Member");

        AuditLogPage audit = new AuditLogPage(page).open(slug);
        assertThat(audit.cellsWith(AuditActions.SSO_POLICY_CHANGED)).hasCount(1);
        audit.select(AuditActions.SSO_POLICY_CHANGED);
        assertThat(audit.diff()).containsText("requireSso");
    }

    /** Invites the address as Member from the Invitations page; the invitation's link. */
    private String invite(String slug, String email) {
        InvitationsPage invitations = new InvitationsPage(page).open(slug);
        invitations.invite(email, "Member");
        String link = invitations.link(0).inputValue();
        invitations.closeLinks();
        return link;
    }
}
