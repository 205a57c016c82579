package dev.atrium.e2e;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.microsoft.playwright.Page;

import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.samlidp.TestSamlIdp;
import dev.atrium.e2e.pages.AppShell;
import dev.atrium.e2e.pages.AuditLogPage;
import dev.atrium.e2e.pages.SignInPage;
import dev.atrium.e2e.pages.SingleSignOnSection;
import dev.atrium.e2e.pages.WorkspaceHomePage;

/**
 * A workspace's SAML connection end to end, against the tests' own identity provider (a small HTTP server in this
 * JVM that signs its responses with a test key through Apache Santuario): an Owner verifies a domain, configures the
 * connection from the IdP's metadata URL, tests it through the IdP and enables it; a new person of that domain types
 * their address on the sign-in page, goes through the IdP and by the real browser POST binding lands in the workspace
 * as a member; the same response posted from another browser is refused with its reason.
 */
@AtriumE2ETest
class SamlSignInTest extends BrowserTest {

    private static final TestSamlIdp IDP = TestSamlIdp.start("e2e-saml-idp");

    @Autowired TestDns dns;

    @AfterAll
    static void stopIdentityProvider() {
        IDP.close();
    }

    @Test
    void anOwnerConnectsASamlIdpAndANewPersonOfTheDomainSignsInByPostBindingAndLandsInTheWorkspace() {
        AppShell owner = signIn(page, uniqueEmail("sam"), "Sam Owner");
        VerifiedWorkspace verified = VerifiedWorkspace.create(page, owner, unique("SAML"), "saml", dns);
        String workspace = verified.name();
        String slug = verified.slug();
        String domain = verified.domain();

        SingleSignOnSection sso = new SingleSignOnSection(page).open(slug);
        sso.chooseProtocol("SAML 2.0");
        assertThat(sso.samlEntityId()).hasText(Pattern.compile("^http://localhost:\\d+/saml/[0-9a-f-]{36}$"));
        String entityId = sso.samlEntityId().textContent();
        assertThat(sso.samlAcsUrl()).hasText(entityId + "/acs");
        assertThat(sso.samlSpMetadataUrl()).hasText(entityId + "/metadata");
        assertThat(sso.samlCertificate()).hasText("Generated when the connection is saved.");
        sso.choosePreset("Other SAML 2.0 identity provider");
        sso.samlMetadataUrl().fill("http://idp.example/metadata");
        sso.save();
        assertThat(sso.samlMetadataUrlError()).containsText("is not a metadata address");
        assertThat(sso.status()).hasText("Not configured");

        sso.samlMetadataUrl().fill(IDP.metadataUrl());
        sso.samlEmailAttribute().fill("email");
        sso.save();
        assertThat(sso.notification()).containsText("Single sign-on connection saved.");
        assertThat(sso.status()).hasText("Disabled");
        assertThat(sso.samlCertificate()).containsText("-----BEGIN CERTIFICATE-----");
        assertThat(sso.samlIdentityProvider()).containsText(IDP.entityId());
        assertThat(sso.samlAllowIdpInitiated()).not().isChecked();
        assertThat(sso.samlCopyButtons()).hasCount(4);
        sso.enable();
        assertThat(sso.notification()).containsText("Test the connection first");
        assertThat(sso.status()).hasText("Disabled");

        // Test connection: a real sign-in at the IdP (POST binding back to the ACS) that shows what came back.
        IDP.signInAs(TestSamlIdp.Person.of("admin-test@" + domain));
        sso.test();
        assertThat(sso.testResult()).containsText("The test sign-in worked.");
        assertThat(sso.claim("Issuer")).hasText(IDP.entityId());
        assertThat(sso.claim("email")).hasText("admin-test@" + domain);
        assertThat(page).hasURL(Pattern.compile("/w/" + slug + "/settings$"));
        sso.enable();
        assertThat(sso.status()).hasText("Enabled");

        // Atrium's metadata, as the IdP's admin would fetch it.
        String metadataXml = newPage().request().get(entityId + "/metadata").text();
        org.assertj.core.api.Assertions.assertThat(metadataXml).contains("entityID=\"" + entityId + "\"", entityId + "/acs");

        String email = "nora-" + UUID.randomUUID().toString().substring(0, 8) + "@" + domain;
        IDP.signInAs(TestSamlIdp.Person.of(email));
        // E-mail first: the address's verified domain leads to the workspace's SAML connection, then by the browser's
        // POST binding back to Atrium.
        Page person = newPage();
        person.navigate("/login");
        new SignInPage(person).enterEmail(email);
        assertThat(new WorkspaceHomePage(person).title()).hasText(workspace);
        assertThat(person).hasURL(Pattern.compile("/w/" + slug + "$"));
        assertThat(new WorkspaceHomePage(person).yourRole()).containsText("Member");

        // The same response posted again by another browser: refused as a replay, nobody signed in.
        Page replay = newPage();
        replay.setContent("<form method=\"post\" action=\"" + entityId + "/acs\"><input type=\"hidden\" name=\"SAMLResponse\" value=\""
                + IDP.lastResponse() + "\"><button id=\"post\">Post</button></form>");
        replay.locator("#post").click();
        assertThat(replay.locator("#sso-refusal")).hasText("This sign-in was not started here, or it was started in another browser. "
                + "Start it again from Atrium.");
        replay.navigate("/w/" + slug);
        assertThat(new WorkspaceHomePage(replay).title()).not().isVisible();

        AuditLogPage audit = new AuditLogPage(page).open(slug);
        assertThat(audit.cellsWith(AuditActions.SSO_CONNECTION_CREATED)).hasCount(1);
        audit.select(AuditActions.SSO_CONNECTION_CREATED);
        assertThat(audit.diff()).containsText(IDP.entityId());
        assertThat(audit.diff()).containsText("[redacted]");
        assertThat(audit.diff()).not().containsText("PRIVATE KEY");
    }
}
