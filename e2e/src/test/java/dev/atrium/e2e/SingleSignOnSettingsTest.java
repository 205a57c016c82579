package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;

import dev.atrium.admin.audit.AuditActions;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.AuditLogPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.SingleSignOnSection;
import dev.atrium.e2e.pages.SsoUnavailablePage;
import dev.atrium.e2e.pages.WorkspaceHomePage;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * Workspace → Settings → Single sign-on end to end. The workspace's identity provider is a second issuer of the local
 * mock-oauth2-server (it serves any issuer id as a path), whose discovery document the app reads when saving.
 */
@AtriumE2ETest
class SingleSignOnSettingsTest extends BrowserTest {

    @Autowired MockOAuth2Server oidcProvider;

    @Test
    void anOwnerConfiguresAnOidcConnectionWhoseSecretIsNeverShownAgainEnablesAndDeletesIt() {
        AppShell owner = signIn(page, uniqueEmail("sara"), "Sara Owner");
        owner.openCreateFromWelcome().enterName(unique("SSO")).submit();
        assertThat(new WorkspaceHomePage(page).title()).isVisible();
        String slug = slugOf(page);
        SingleSignOnSection sso = new SingleSignOnSection(page).open(slug);

        assertThat(sso.status()).hasText("Not configured");
        assertThat(sso.redirectUri()).hasText(Pattern.compile("^http://localhost:\\d+/login/oauth2/code/sso-[0-9a-f-]{36}$"));
        assertThat(sso.defaultRole()).hasText("Member");

        sso.choosePreset("Google Workspace");
        assertThat(sso.issuer()).hasValue("https://accounts.google.com");
        assertThat(sso.hostedDomainHint()).isVisible();
        sso.choosePreset("Okta");
        assertThat(sso.issuer()).hasValue("https://{your-org}.okta.com");
        assertThat(sso.scopes()).hasValue("openid profile email");

        String secret = "secret-" + UUID.randomUUID();
        sso.clientId().fill("atrium-client");
        sso.clientSecret().fill(secret);
        sso.save();
        assertThat(sso.issuerError()).containsText("is not an issuer URL");
        assertThat(sso.status()).hasText("Not configured");

        sso.choosePreset("Other OpenID Connect provider");
        // 127.0.0.1, as the app's local provider: the provider's cookies stay apart from the app's (localhost).
        String issuer = oidcProvider.issuerUrl("workspace-idp-" + UUID.randomUUID().toString().substring(0, 8)).toString()
                .replace("//localhost:", "//127.0.0.1:");
        sso.fill(issuer, "atrium-client", secret).save();
        assertThat(sso.notification()).containsText("Single sign-on connection saved.");
        assertThat(sso.status()).hasText("Disabled");
        assertThat(sso.clientSecret()).hasValue("");
        assertThat(sso.clientSecret()).hasAttribute("placeholder", "Stored; leave empty to keep it");

        sso.enable();
        assertThat(sso.notification()).containsText("Test the connection first");
        assertThat(sso.status()).hasText("Disabled");

        // Test connection: a real sign-in at the identity provider; the claims come back to this page and the owner
        // is still the one signed in here.
        sso.test();
        page.waitForURL(url -> url.startsWith(issuer + "/authorize?"));
        new SignInPage(page).atProvider("sara-at-idp", "{\"email\": \"sara@idp.example\", \"name\": \"Sara at IdP\"}");
        assertThat(sso.testResult()).containsText("The test sign-in worked.");
        assertThat(sso.claim("sub")).hasText("sara-at-idp");
        assertThat(sso.claim("email")).hasText("sara@idp.example");
        assertThat(sso.claim("iss")).hasText(issuer);
        assertThat(page).hasURL(Pattern.compile("/w/" + slug + "/settings$"));
        assertThat(page.locator("#account-menu")).isVisible();
        sso.open(slug);
        assertThat(sso.testResult()).isHidden(); // shown once
        page.navigate("/w/" + slug);
        assertThat(new WorkspaceHomePage(page).yourRole()).containsText("Owner");

        sso.open(slug).enable();
        assertThat(sso.status()).hasText("Enabled");
        sso.open(slug);
        assertThat(sso.status()).hasText("Enabled");
        assertThat(sso.issuer()).hasValue(issuer);
        assertThat(sso.clientSecret()).hasValue("");
        org.assertj.core.api.Assertions.assertThat(page.content()).as("the secret never reaches the browser again")
                .doesNotContain(secret);

        sso.disable();
        assertThat(sso.status()).hasText("Disabled");
        // A disabled connection signs nobody in: its direct link shows the neutral page.
        Page anonymous = newPage();
        assertThat(new SsoUnavailablePage(anonymous).open(slug).content()).containsText("Single sign-on is not available");
        sso.delete();
        assertThat(sso.notification()).containsText("Single sign-on connection deleted.");
        assertThat(sso.status()).hasText("Not configured");

        AuditLogPage audit = new AuditLogPage(page).open(slug);
        for (String action : new String[] { AuditActions.SSO_CONNECTION_CREATED, AuditActions.SSO_CONNECTION_TESTED, AuditActions.SSO_CONNECTION_ENABLED,
                AuditActions.SSO_CONNECTION_DISABLED, AuditActions.SSO_CONNECTION_DELETED }) {
            assertThat(audit.cellsWith(action)).hasCount(1);
        }
        audit.select(AuditActions.SSO_CONNECTION_CREATED);
        assertThat(audit.diff()).containsText(issuer);
        assertThat(audit.diff()).containsText("[redacted]");
        assertThat(audit.diff()).not().containsText(secret);
    }
}
