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
import dev.atrium.e2e.pages.DomainsSection;
import dev.atrium.e2e.pages.InvitationsPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.SingleSignOnSection;
import dev.atrium.e2e.pages.SsoPolicySection;
import dev.atrium.e2e.pages.SsoRequiredPage;
import dev.atrium.e2e.pages.WorkspaceHomePage;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * "Require SSO" end to end: an admin verifies a domain, enables a connection to a second issuer of the local
 * mock-oauth2-server and turns the policy on. A member of that domain who signed in through the app-wide provider is
 * then shown the page in between when opening the workspace, and a new invitation to that domain is taken up through
 * SSO instead of being accepted. (The IdP round trip behind "Continue" is the sign-in flow's own test.)
 */
@AtriumE2ETest
class SsoRequiredTest extends BrowserTest {

    @Autowired MockOAuth2Server oidcProvider;
    @Autowired TestDns dns;

    @Test
    void withSsoRequiredAMemberOfTheVerifiedDomainSignedInAppWideIsSentToThePageInBetweenAndNewInvitationsGoThroughSso() {
        AppShell owner = signIn(page, uniqueEmail("olga"), "Olga Owner");
        String workspace = unique("Acme");
        owner.openCreateFromWelcome().enterName(workspace).submit();
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);
        String slug = slugOf(page);
        String domain = "acme-" + UUID.randomUUID().toString().substring(0, 8) + ".example";

        DomainsSection domains = new DomainsSection(page).open(slug).add(domain);
        dns.publish(domains.recordName(domain).textContent(), domains.recordValue(domain).textContent());
        domains.verify(domain);
        assertThat(domains.status(domain)).hasText("Verified");
        SingleSignOnSection sso = new SingleSignOnSection(page).open(slug);
        sso.fill(oidcProvider.issuerUrl("acme-idp-" + UUID.randomUUID().toString().substring(0, 8)).toString(), "atrium", "secret")
                .save();
        assertThat(sso.status()).hasText("Disabled");
        sso.enable();
        assertThat(sso.status()).hasText("Enabled");

        // Mia joins by invitation before the policy is on, signed in through the app-wide provider.
        String mia = "mia-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        String miaLink = invite(slug, mia);
        Page miaPage = newPage();
        miaPage.navigate(miaLink);
        new SignInPage(miaPage).signIn(mia, "Mia Member");
        new AcceptInvitationPage(miaPage).accept();
        assertThat(new WorkspaceHomePage(miaPage).title()).hasText(workspace);

        SsoPolicySection policies = new SsoPolicySection(page).open(slug);
        assertThat(policies.requireSso()).not().isChecked();
        policies.requireSso().check();
        policies.save();
        assertThat(policies.notification()).containsText("SSO policies saved.");
        policies.open(slug);
        assertThat(policies.requireSso()).isChecked();
        assertThat(policies.paused()).isHidden();

        miaPage.navigate("/w/" + slug);
        assertThat(miaPage).hasURL(Pattern.compile("/sso/" + slug + "/required$"));
        SsoRequiredPage between = new SsoRequiredPage(miaPage);
        assertThat(between.title()).hasText(workspace + " requires single sign-on");
        assertThat(between.message()).containsText("sign in through its identity provider");
        assertThat(between.continueLink()).hasAttribute("href", "/sso/" + slug);
        assertThat(new WorkspaceHomePage(miaPage).title()).hasCount(0);

        // The Owner's address is outside the domain: the policy does not apply to her.
        page.navigate("/w/" + slug);
        assertThat(new WorkspaceHomePage(page).title()).hasText(workspace);

        String noah = "noah-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        String noahLink = invite(slug, noah);
        Page noahPage = newPage();
        noahPage.navigate(noahLink);
        new SignInPage(noahPage).signIn(noah, "Noah Newcomer");
        AcceptInvitationPage acceptance = new AcceptInvitationPage(noahPage);
        assertThat(acceptance.title()).hasText("Join " + workspace + " through single sign-on");
        assertThat(acceptance.acceptButton()).hasCount(0);
        assertThat(acceptance.continueThroughSso()).hasAttribute("href", "/sso/" + slug);

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
