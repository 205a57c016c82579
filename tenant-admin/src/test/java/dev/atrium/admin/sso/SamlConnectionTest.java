package dev.atrium.admin.sso;

import static dev.atrium.db.jooq.platform.Tables.SSO_CONNECTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;
import dev.atrium.admin.samlidp.TestSamlIdp;
import dev.atrium.admin.tenancy.TenantScope;
import com.sun.net.httpserver.HttpServer;

import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * SAML connections' settings on real PostgreSQL: IdP metadata fetched from a real (in-process) identity provider or
 * pasted, the service provider's own key encrypted at rest and never audited, and its metadata.
 */
@SpringBootTest
class SamlConnectionTest {

    private static final TestSamlIdp IDP = TestSamlIdp.start("saml-settings");

    @Autowired SsoService sso;
    @Autowired SamlService saml;
    @Autowired TestWorkspaces teams;
    @Autowired AuditLogService audit;
    @Autowired Keyring keyring;
    @Autowired DSLContext platform;

    @AfterAll
    static void stopIdentityProvider() {
        IDP.close();
    }

    @Test
    void metadataFromAUrlMakesADisabledConnectionWhosePrivateKeyIsEncryptedAtRestKeptAndNeverAudited() {
        TenantScope owner = teams.newWorkspace("Quinn");

        SsoConnection saved = sso.saveSaml(owner, draft(IDP.metadataUrl(), "", teams.roleId(owner, "member"), false));

        assertThat(saved.protocol()).isEqualTo(SsoProtocol.SAML);
        assertThat(saved.enabled()).isFalse();
        assertThat(saved.issuer()).isEqualTo(IDP.entityId());
        SamlSettings settings = saved.saml();
        assertThat(settings.metadataUrl()).isEqualTo(IDP.metadataUrl());
        assertThat(settings.ssoUrl()).as("the HTTP-Redirect sign-on service, not the POST one").isEqualTo(IDP.ssoUrl());
        assertThat(settings.idpCertificates()).hasSize(1);
        assertThat(settings.emailAttribute()).isEqualTo("email");
        assertThat(settings.allowIdpInitiated()).isFalse();
        assertThat(settings.spCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(sso.connection(owner)).contains(saved);

        byte[] sealed = storedKey(owner);
        PrivateKey key = SamlKeys.unseal(keyring, owner.workspaceId(), sealed);
        byte[] pkcs8 = key.getEncoded();
        String pkcs8Base64 = Base64.getEncoder().encodeToString(pkcs8);
        assertThat(HexFormat.of().formatHex(sealed)).doesNotContain(HexFormat.of().formatHex(pkcs8).substring(0, 64));
        Record row = platform.selectFrom(SSO_CONNECTION).where(SSO_CONNECTION.WORKSPACE_ID.eq(owner.workspaceId())).fetchOne();
        assertThat(row.intoList().stream().filter(String.class::isInstance).map(String.class::cast))
                .noneMatch(text -> text.contains(pkcs8Base64.substring(40, 120)));
        assertThatThrownBy(() -> keyring.aead(KeyPurpose.SSO_CLIENT_SECRETS).decrypt(sealed, SamlKeys.associatedData(UUID.randomUUID())))
                .as("bound to its workspace").isInstanceOf(GeneralSecurityException.class);
        assertThatThrownBy(() -> keyring.aead(KeyPurpose.SSO_CLIENT_SECRETS).decrypt(sealed, SsoService.associatedData(owner.workspaceId())))
                .as("not usable as a client secret").isInstanceOf(GeneralSecurityException.class);

        AuditEvent created = lastEvent(owner, AuditActions.SSO_CONNECTION_CREATED);
        assertThat(created.after()).contains("SAML", IDP.entityId(), IDP.ssoUrl(), SsoService.REDACTED, "Member",
                SamlKeys.fingerprint(settings.spCertificate())).doesNotContain(pkcs8Base64.substring(40, 120));

        SsoConnection changed = sso.saveSaml(owner, new SamlConnectionDraft(SsoPreset.ENTRA_ID, "", IDP.metadataXml(), "", "groups",
                teams.roleId(owner, "guest"), true));
        assertThat(storedKey(owner)).as("the key stays when the settings change").isEqualTo(sealed);
        assertThat(changed.saml().spCertificate()).isEqualTo(settings.spCertificate());
        assertThat(changed.saml().metadataUrl()).isNull();
        assertThat(changed.saml().emailAttribute()).as("blank: the NameID").isNull();
        assertThat(changed.saml().allowIdpInitiated()).isTrue();
        AuditEvent updated = lastEvent(owner, AuditActions.SSO_CONNECTION_UPDATED);
        assertThat(updated.before()).contains("Member").containsPattern("\"allowIdpInitiated\"\\s*:\\s*false").doesNotContain(pkcs8Base64.substring(40, 120));
        assertThat(updated.after()).contains("Guest", "NameID").containsPattern("\"allowIdpInitiated\"\\s*:\\s*true").doesNotContain(pkcs8Base64.substring(40, 120));
    }

    @Test
    void theServiceProvidersMetadataNamesItsEntityIdAcsAndSigningCertificate() {
        TenantScope owner = teams.newWorkspace("Rita");
        assertThatThrownBy(() -> saml.spMetadata(owner.workspaceId())).satisfies(Refusals.code("sso.saml-not-configured"));
        SsoConnection saved = sso.saveSaml(owner, draft("", IDP.metadataXml(), teams.roleId(owner, "member"), false));

        String metadata = saml.spMetadata(owner.workspaceId());

        String entityId = saml.entityId(owner.workspaceId());
        assertThat(entityId).isEqualTo(dev.atrium.admin.TestApplication.PUBLIC_URL + "/saml/" + owner.workspaceId());
        assertThat(metadata).contains("entityID=\"" + entityId + "\"", "AuthnRequestsSigned=\"true\"", "WantAssertionsSigned=\"true\"",
                "Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\"",
                "Location=\"" + entityId + "/acs\"");
        assertThat(metadata.replaceAll("\\s", "")).contains(saved.saml().spCertificate());
        assertThat(metadata).doesNotContain(Base64.getEncoder().encodeToString(
                SamlKeys.unseal(keyring, owner.workspaceId(), storedKey(owner)).getEncoded()).substring(40, 120));
    }

    @Test
    void unusableMetadataIsRefusedAndNothingIsStored() {
        TenantScope owner = teams.newWorkspace("Sven");
        UUID member = teams.roleId(owner, "member");
        String noRedirect = IDP.metadataXml().replace("bindings:HTTP-Redirect", "bindings:HTTP-Artifact");
        String noCertificate = IDP.metadataXml().replaceAll("(?s)<md:KeyDescriptor.*</md:KeyDescriptor>", "");

        assertThatThrownBy(() -> sso.saveSaml(owner, draft(" ", " ", member, false))).satisfies(Refusals.code("sso.saml-metadata-missing"));
        assertThatThrownBy(() -> sso.saveSaml(owner, draft("", "<not-metadata/>", member, false)))
                .satisfies(Refusals.code("sso.saml-metadata-invalid"));
        assertThatThrownBy(() -> sso.saveSaml(owner, draft("", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", member, false)))
                .satisfies(Refusals.code("sso.saml-metadata-invalid"));
        assertThatThrownBy(() -> sso.saveSaml(owner, draft("", noRedirect, member, false)))
                .satisfies(Refusals.code("sso.saml-metadata-no-redirect-binding"));
        assertThatThrownBy(() -> sso.saveSaml(owner, draft("", noCertificate, member, false)))
                .satisfies(Refusals.code("sso.saml-metadata-no-certificate"));
        assertThatThrownBy(() -> sso.saveSaml(owner, draft("http://idp.example/metadata", "", member, false)))
                .as("plain http only on the loopback interface").satisfies(Refusals.reason("sso.saml-metadata-url-invalid", "http://idp.example/metadata"));
        assertThatThrownBy(() -> sso.saveSaml(owner, draft("http://localhost:1/metadata", "", member, false)))
                .satisfies(Refusals.english("The identity provider's metadata could not be read from http://localhost:1/metadata. "
                        + "Check the address, or paste the metadata instead."));
        assertThatThrownBy(() -> sso.saveSaml(owner, draft(IDP.entityId() + "/nothing-here", "", member, false)))
                .satisfies(Refusals.code("sso.saml-metadata-unreachable"));
        assertThat(sso.connection(owner)).isEmpty();
        assertThat(platform.fetchCount(SSO_CONNECTION, SSO_CONNECTION.WORKSPACE_ID.eq(owner.workspaceId()))).isZero();
    }

    @Test
    void aRedirectFromTheMetadataAddressIsNotFollowed() throws IOException {
        // A public address could otherwise send the server on to an internal one the guard would have refused.
        HttpServer redirecting = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        redirecting.createContext("/metadata", exchange -> {
            exchange.getResponseHeaders().set("Location", IDP.metadataUrl());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirecting.start();
        try {
            TenantScope owner = teams.newWorkspace("Willa");
            String url = "http://localhost:" + redirecting.getAddress().getPort() + "/metadata";

            assertThatThrownBy(() -> sso.saveSaml(owner, draft(url, "", teams.roleId(owner, "member"), false)))
                    .satisfies(Refusals.reason("sso.saml-metadata-unreachable", url));
            assertThat(sso.connection(owner)).isEmpty();
        } finally {
            redirecting.stop(0);
        }
    }

    @Test
    void anOidcConnectionBecomesSamlAndBackWithOneAuditedConnectionAndNoLeftovers() {
        MockOAuth2Server oidc = new MockOAuth2Server();
        oidc.start();
        try {
            TenantScope owner = teams.newWorkspace("Tara");
            UUID member = teams.roleId(owner, "member");
            String issuer = oidc.issuerUrl("tara").toString().replaceAll("/$", "");
            sso.save(owner, new SsoConnectionDraft(SsoPreset.OKTA, issuer, "client", "secret-1", "openid", member));

            SsoConnection asSaml = sso.saveSaml(owner, draft(IDP.metadataUrl(), "", member, false));
            assertThat(asSaml.clientId()).isEmpty();
            assertThat(asSaml.scopes()).isEmpty();
            Record row = platform.selectFrom(SSO_CONNECTION).where(SSO_CONNECTION.WORKSPACE_ID.eq(owner.workspaceId())).fetchOne();
            assertThat(row.get(SSO_CONNECTION.CLIENT_SECRET)).as("the client secret is dropped").isNull();
            AuditEvent switched = lastEvent(owner, AuditActions.SSO_CONNECTION_UPDATED);
            assertThat(switched.before()).contains("OIDC", issuer, "clientSecret");
            assertThat(switched.after()).contains("SAML", IDP.entityId(), "spPrivateKey").doesNotContain("secret-1");

            assertThatThrownBy(() -> sso.save(owner, new SsoConnectionDraft(SsoPreset.OKTA, issuer, "client", "", "openid", member)))
                    .as("back to OIDC needs a secret again").satisfies(Refusals.code("sso.client-secret-missing"));
            SsoConnection backToOidc = sso.save(owner, new SsoConnectionDraft(SsoPreset.OKTA, issuer, "client", "secret-2", "openid", member));
            assertThat(backToOidc.protocol()).isEqualTo(SsoProtocol.OIDC);
            assertThat(backToOidc.saml()).isNull();
            assertThat(platform.select(SSO_CONNECTION.SAML_SP_PRIVATE_KEY).from(SSO_CONNECTION)
                    .where(SSO_CONNECTION.WORKSPACE_ID.eq(owner.workspaceId())).fetchOne().value1()).as("the SAML key is dropped").isNull();
            assertThat(new String(keyring.aead(KeyPurpose.SSO_CLIENT_SECRETS).decrypt(
                    platform.select(SSO_CONNECTION.CLIENT_SECRET).from(SSO_CONNECTION)
                            .where(SSO_CONNECTION.WORKSPACE_ID.eq(owner.workspaceId())).fetchOne().value1(),
                    SsoService.associatedData(owner.workspaceId())), StandardCharsets.UTF_8)).isEqualTo("secret-2");
            assertThat(audit.page(owner, new AuditFilter(null, AuditActions.SSO_CONNECTION_CREATED, null, null, null, null), null, null, 10)
                    .events()).hasSize(1);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        } finally {
            oidc.shutdown();
        }
    }

    private static SamlConnectionDraft draft(String metadataUrl, String metadataXml, UUID roleId, boolean allowIdpInitiated) {
        return new SamlConnectionDraft(SsoPreset.CUSTOM, metadataUrl, metadataXml, "email", "", roleId, allowIdpInitiated);
    }

    private byte[] storedKey(TenantScope scope) {
        return platform.select(SSO_CONNECTION.SAML_SP_PRIVATE_KEY).from(SSO_CONNECTION)
                .where(SSO_CONNECTION.WORKSPACE_ID.eq(scope.workspaceId())).fetchOne().value1();
    }

    private AuditEvent lastEvent(TenantScope scope, String action) {
        return audit.page(scope, new AuditFilter(null, action, null, null, null, null), null, null, 1).events().getFirst();
    }
}
