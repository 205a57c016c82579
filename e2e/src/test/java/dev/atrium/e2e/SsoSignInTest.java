package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;

import dev.atrium.admin.dns.TestDns;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.MembersPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.SingleSignOnSection;
import dev.atrium.e2e.pages.SsoUnavailablePage;
import dev.atrium.e2e.pages.WorkspaceHomePage;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * Signing in through a workspace's OIDC connection, in the browser, with a real authorization-code flow. The
 * workspace's identity provider is a second issuer ({@code acme-idp}) of the local mock-oauth2-server, apart from the
 * app-wide one ({@code atrium}); its sign-in form takes the subject and the ID token's claims.
 */
@AtriumE2ETest
class SsoSignInTest extends BrowserTest {

    private static final String ACME_IDP = "acme-idp";

    @Autowired MockOAuth2Server oidcProvider;
    @Autowired TestDns dns;

    @Test
    void anAdminSetsUpAConnectionAndANewPersonOfTheDomainTypesTheirAddressAndJoinsThroughTheIdp() {
        // (1) An admin verifies a domain, configures, tests (sees the claims) and enables the connection.
        AppShell owner = signIn(page, uniqueEmail("olga"), "Olga Owner");
        VerifiedWorkspace verified = VerifiedWorkspace.create(page, owner, unique("Acme"), "acme", dns);
        String workspace = verified.name();
        String slug = verified.slug();
        String domain = verified.domain();

        // 127.0.0.1, as the app's local provider: the provider's cookies stay apart from the app's (localhost).
        String issuer = oidcProvider.issuerUrl(ACME_IDP).toString().replace("//localhost:", "//127.0.0.1:");
        SingleSignOnSection sso = new SingleSignOnSection(page).open(slug);
        String workspaceId = workspaceIdOf(sso);
        sso.fill(issuer, "atrium-acme", "acme-secret").save();
        assertThat(sso.status()).hasText("Disabled");
        sso.test();
        new SignInPage(page).atProvider("olga-at-acme", "{\"email\": \"olga@" + domain + "\", \"groups\": [\"staff\"]}");
        assertThat(sso.testResult()).containsText("The test sign-in worked.");
        assertThat(sso.claim("email")).hasText("olga@" + domain);
        assertThat(sso.claim("groups")).hasText("[staff]");
        sso.enable();
        assertThat(sso.status()).hasText("Enabled");

        // (2) A new person types their address on the sign-in page and is sent to the workspace's identity provider.
        Page nina = newPage();
        String address = "nina-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        nina.navigate("/");
        SignInPage signIn = new SignInPage(nina);
        signIn.enterEmail(address);
        nina.waitForURL(url -> url.startsWith(issuer + "/authorize?"));
        org.assertj.core.api.Assertions.assertThat(nina.url()).contains("login_hint=nina-");
        signIn.atProvider("nina-at-acme", "{\"email\": \"" + address + "\", \"email_verified\": true, \"name\": \"Nina Newbie\"}");

        assertThat(nina).hasURL(Pattern.compile("/w/" + slug + "$"));
        WorkspaceHomePage home = new WorkspaceHomePage(nina);
        assertThat(home.title()).hasText(workspace);
        assertThat(home.yourRole()).containsText("Member");
        MembersPage members = new MembersPage(page).open(slug);
        assertThat(members.row(address)).isVisible();

        // Nobody else starts the admin's Test connection: without the ticket in their session the request is not
        // answered, never sent on to the identity provider.
        APIResponse testStart = nina.request().get("/oauth2/authorization/sso-test-" + workspaceId,
                RequestOptions.create().setMaxRedirects(0));
        org.assertj.core.api.Assertions.assertThat(testStart.status()).isNotEqualTo(302);
        org.assertj.core.api.Assertions.assertThat(testStart.headers()).doesNotContainKey("location");

        // The direct link asks the identity provider to authenticate again for a step-up.
        Page stepUp = newPage();
        stepUp.navigate("/sso/" + slug + "?step-up=mfa");
        stepUp.waitForURL(url -> url.startsWith(issuer + "/authorize?"));
        org.assertj.core.api.Assertions.assertThat(stepUp.url()).contains("prompt=login", "max_age=0");

        // An address outside the verified domain is refused by the workspace's rules, and the sign-in page says why.
        Page outsider = newPage();
        outsider.navigate("/sso/" + slug);
        new SignInPage(outsider).atProvider("otto-at-acme", "{\"email\": \"otto@elsewhere.example\", \"email_verified\": true}");
        assertThat(outsider).hasURL(Pattern.compile("/login\\?error"));
        assertThat(new SignInPage(outsider).error()).containsText("is only for addresses in its verified domains");
    }

    /** The workspace's id, from the redirect URI the section shows ({@code …/login/oauth2/code/sso-<id>}). */
    private static String workspaceIdOf(SingleSignOnSection sso) {
        return sso.redirectUri().textContent().replaceFirst(".*/sso-", "");
    }

    @Test
    void theDirectLinkOfAWorkspaceWithoutAConnectionShowsANeutralPageAndAnUnknownAddressSignsInAsUsual() {
        AppShell owner = signIn(page, uniqueEmail("paul"), "Paul Owner");
        owner.openCreateFromWelcome().enterName(unique("Plain")).submit();
        assertThat(new WorkspaceHomePage(page).title()).isVisible();
        String slug = slugOf(page);

        Page anonymous = newPage();
        for (String link : new String[] { slug, "no-such-workspace" }) {
            SsoUnavailablePage unavailable = new SsoUnavailablePage(anonymous).open(link);
            assertThat(unavailable.content()).containsText("Single sign-on is not available for this address.");
            assertThat(unavailable.signInLink()).isVisible();
        }

        // An address of no verified domain goes to the app-wide provider.
        new SsoUnavailablePage(anonymous).signInLink().click();
        new SignInPage(anonymous).enterEmail(uniqueEmail("quinn"));
        assertThat(anonymous).hasURL(Pattern.compile("/atrium/authorize\\?.*login_hint="));
    }
}
