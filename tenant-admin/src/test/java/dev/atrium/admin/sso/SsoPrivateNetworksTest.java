package dev.atrium.admin.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.samlidp.TestSamlIdp;
import dev.atrium.admin.tenancy.TenantScope;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the server fetches for a workspace admin (an IdP's SAML metadata, an issuer's OIDC discovery document) passes the
 * webhooks' SSRF guard: where private networks are not allowed, as in production, an identity provider on an internal
 * address (here the loopback interface) is refused with its own reason, and nothing is saved. So is a discovery document
 * naming an endpoint that sign-in calls from the server (token, key set, userinfo) on an internal address.
 *
 * <p>That document is handed to {@link IdpDocuments} as read from the issuer: its test servers being on the loopback
 * interface, an issuer here can only be read where the guard refuses nothing, or if the test's DNS told the guard a
 * loopback server was public, which would bypass the very judgement under test. Sign-in's own requests to such
 * endpoints are refused as well ({@code security.ProviderRequestsPrivateNetworksTest}).
 */
@SpringBootTest(properties = "atrium.webhooks.allow-private-networks=false")
class SsoPrivateNetworksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TestSamlIdp SAML_IDP = TestSamlIdp.start("saml-internal");
    @RegisterExtension
    static final TestIdentityProvider OIDC_IDP = new TestIdentityProvider();

    @Autowired SsoService sso;
    @Autowired IdpDocuments documents;
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

    @ParameterizedTest
    @CsvSource({
            "token_endpoint, http://127.0.0.1:5432/token",
            "jwks_uri, http://169.254.169.254/latest/meta-data/keys",
            "userinfo_endpoint, https://localhost/userinfo" })
    void aDiscoveryDocumentNamingAnInternalServerSideEndpointIsRefused(String endpoint, String internalUrl) {
        String issuer = "https://idp.example.com";
        Map<String, Object> discovery = new HashMap<>(Map.of(
                "issuer", issuer,
                "authorization_endpoint", issuer + "/authorize",
                "token_endpoint", issuer + "/token",
                "jwks_uri", issuer + "/jwks",
                "userinfo_endpoint", issuer + "/userinfo",
                "response_types_supported", List.of("code"),
                "subject_types_supported", List.of("public"),
                "id_token_signing_alg_values_supported", List.of("RS256")));
        // Naming the issuer's own (public) endpoints, the document is accepted.
        documents.oidcRegistration(issuer, JSON.writeValueAsString(discovery));
        discovery.put(endpoint, internalUrl);

        assertThatThrownBy(() -> documents.oidcRegistration(issuer, JSON.writeValueAsString(discovery)))
                .satisfies(Refusals.reason("sso.address-internal", internalUrl))
                .satisfies(Refusals.english("Atrium does not connect to " + internalUrl
                        + ": it leads to an internal network address. Use the identity provider's public address."));
    }
}
