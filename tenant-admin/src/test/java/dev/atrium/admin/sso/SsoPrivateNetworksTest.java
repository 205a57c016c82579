package dev.atrium.admin.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.samlidp.TestSamlIdp;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * What the server fetches for a workspace admin (an IdP's SAML metadata, an issuer's OIDC discovery document) passes the
 * webhooks' SSRF guard: where private networks are not allowed, as in production, an identity provider on an internal
 * address (here the loopback interface) is refused with its own reason, and nothing is saved.
 */
@SpringBootTest(properties = "atrium.webhooks.allow-private-networks=false")
class SsoPrivateNetworksTest {

    private static final TestSamlIdp SAML_IDP = TestSamlIdp.start("saml-internal");
    @RegisterExtension
    static final TestIdentityProvider OIDC_IDP = new TestIdentityProvider();

    @Autowired SsoService sso;
    @Autowired TestWorkspaces teams;

    @AfterAll
    static void stopIdentityProvider() {
        SAML_IDP.close();
    }

    @Test
    void samlMetadataOnAnInternalAddressIsRefused() {
        TenantScope owner = teams.newWorkspace("Ursula");
        UUID member = teams.roleId(owner, "member");

        assertThatThrownBy(() -> sso.saveSaml(owner, new SamlConnectionDraft(SsoPreset.CUSTOM, SAML_IDP.metadataUrl(), "", "email", "",
                member, false)))
                .satisfies(Refusals.reason("sso.address-internal", SAML_IDP.metadataUrl()))
                .satisfies(Refusals.english("Atrium does not connect to " + SAML_IDP.metadataUrl()
                        + ": it leads to an internal network address. Use the identity provider's public address."));
        assertThat(sso.connection(owner)).isEmpty();
    }

    @Test
    void anOidcIssuerOnAnInternalAddressIsRefused() {
        TenantScope owner = teams.newWorkspace("Viktor");
        String issuer = OIDC_IDP.issuerUrl("internal").toString().replaceAll("/$", "");

        assertThatThrownBy(() -> sso.save(owner, new SsoConnectionDraft(SsoPreset.CUSTOM, issuer, "client", "secret", "openid",
                teams.roleId(owner, "member"))))
                .satisfies(Refusals.reason("sso.address-internal", issuer))
                .satisfies(Refusals.german("Atrium verbindet sich nicht mit " + issuer + ": die Adresse führt in ein internes Netz. Verwenden Sie die öffentliche Adresse des Identitätsanbieters."));
        assertThat(sso.connection(owner)).isEmpty();
    }
}
