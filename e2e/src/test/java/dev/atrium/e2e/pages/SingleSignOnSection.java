package dev.atrium.e2e.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

/** Workspace → Settings → Single sign-on: the workspace's OIDC connection. */
public class SingleSignOnSection {

    private final Page page;

    public SingleSignOnSection(Page page) {
        this.page = page;
    }

    public SingleSignOnSection open(String slug) {
        page.navigate("/w/" + slug + "/settings");
        page.locator("#sso-section").waitFor();
        return this;
    }

    public Locator status() {
        return page.locator("#sso-status");
    }

    public Locator redirectUri() {
        return page.locator("#sso-redirect-uri");
    }

    public SingleSignOnSection choosePreset(String label) {
        Locator select = page.locator("#sso-preset");
        select.click();
        assertThat(select).hasAttribute("opened", "");
        Locator option = select.locator("vaadin-select-item[role=option]").filter(new Locator.FilterOptions().setHasText(label));
        option.click();
        // The list closes with an animation; a click on the select before it ends leaves the list closed.
        assertThat(option).isHidden();
        return this;
    }

    public Locator issuer() {
        return page.locator("#sso-issuer input");
    }

    public Locator issuerError() {
        return page.locator("#sso-issuer [slot=error-message]");
    }

    public Locator clientId() {
        return page.locator("#sso-client-id input");
    }

    public Locator clientSecret() {
        return page.locator("#sso-client-secret input");
    }

    public Locator scopes() {
        return page.locator("#sso-scopes input");
    }

    public Locator defaultRole() {
        return page.locator("#sso-default-role vaadin-select-value-button");
    }

    public SingleSignOnSection fill(String issuerUrl, String id, String secret) {
        issuer().fill(issuerUrl);
        clientId().fill(id);
        clientSecret().fill(secret);
        return this;
    }

    public SingleSignOnSection save() {
        page.locator("#sso-save").click();
        return this;
    }

    public SingleSignOnSection enable() {
        page.locator("#sso-enable").click();
        return this;
    }

    public SingleSignOnSection disable() {
        page.locator("#sso-disable").click();
        return this;
    }

    public SingleSignOnSection delete() {
        page.locator("#sso-delete").click();
        ConfirmDialogs.confirm(page, "sso-delete-dialog");
        return this;
    }

    /** Starts Test connection: the browser goes to the identity provider, and comes back to these settings. */
    public SingleSignOnSection test() {
        page.locator("#sso-test").click();
        return this;
    }

    public Locator testResult() {
        return page.locator("#sso-test-result");
    }

    /** The value cell of a claim (a plain name such as {@code email}) in the test's result table. */
    public Locator claim(String name) {
        return page.locator("#sso-test-claims tbody tr").filter(new Locator.FilterOptions()
                .setHas(page.locator("td:first-child", new Page.LocatorOptions().setHasText(
                java.util.regex.Pattern.compile("^" + name + "$"))))).locator("td").nth(1);
    }

    public Locator enableButton() {
        return page.locator("#sso-enable");
    }

    public Locator hostedDomainHint() {
        return page.locator("#sso-section").getByText("hd claim");
    }

    public Locator notification() {
        return page.locator("vaadin-notification-card").last();
    }

    // SAML 2.0

    public SingleSignOnSection chooseProtocol(String label) {
        page.locator("#sso-protocol").click();
        page.locator("#sso-protocol vaadin-select-item[role=option]").filter(new Locator.FilterOptions().setHasText(label)).click();
        return this;
    }

    public Locator samlEntityId() {
        return page.locator("#sso-saml-entity-id");
    }

    public Locator samlAcsUrl() {
        return page.locator("#sso-saml-acs-url");
    }

    public Locator samlSpMetadataUrl() {
        return page.locator("#sso-saml-sp-metadata-url");
    }

    public Locator samlCertificate() {
        return page.locator("#sso-saml-certificate");
    }

    public Locator samlCopyButtons() {
        return page.locator("#sso-saml .sso-saml-copy");
    }

    public Locator samlMetadataUrl() {
        return page.locator("#sso-saml-metadata-url input");
    }

    public Locator samlMetadataUrlError() {
        return page.locator("#sso-saml-metadata-url [slot=error-message]");
    }

    public Locator samlEmailAttribute() {
        return page.locator("#sso-saml-email-attribute input");
    }

    public Locator samlAllowIdpInitiated() {
        return page.locator("#sso-saml-allow-idp-initiated input");
    }

    public Locator samlIdentityProvider() {
        return page.locator("#sso-saml-idp");
    }
}
