package dev.atrium.admin.sso;

import static dev.atrium.db.jooq.platform.Tables.SSO_CONNECTION;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.keys.KeyRotation;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * What sign-in finds before anyone is signed in: home-realm discovery by e-mail domain and the direct link by slug lead
 * only through a verified domain and an enabled connection; the connection's client registration follows every edit,
 * disable and delete at once, though registrations are cached.
 */
@SpringBootTest
class SsoDirectoryTest {

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @Autowired SsoDirectory directory;
    @Autowired SsoService sso;
    @Autowired SsoConnectionTests tests;
    @Autowired TestWorkspaces teams;
    @Autowired DomainService domains;
    @Autowired TestDns dns;
    @Autowired KeyRotation rotation;
    @Autowired DSLContext platform;

    @Test
    void anAddressLeadsToAWorkspaceOnlyThroughItsVerifiedDomainAndEnabledConnection() {
        TenantScope owner = teams.newWorkspace("Hana");
        TenantScope other = teams.newWorkspace("Ivo");
        String domain = "hana-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        sso.save(owner, draft(owner, "atrium-client", "s3cret"));
        enable(owner);
        assertThat(directory.forEmail("alice@" + domain)).as("domain not claimed yet").isEmpty();

        WorkspaceDomain claim = domains.add(owner, domain);
        domains.add(other, domain);
        assertThat(directory.forEmail("alice@" + domain)).as("claimed, not verified").isEmpty();
        dns.publish(claim.recordName(), claim.recordValue());
        domains.verify(owner, claim.id());

        SsoRoute route = new SsoRoute(owner.workspaceId(), owner.slug(), SsoProtocol.OIDC);
        assertThat(directory.forEmail("alice@" + domain)).contains(route);
        assertThat(directory.forEmail("  Alice@" + domain.toUpperCase() + " ")).as("case and spaces").contains(route);
        assertThat(directory.forEmail("alice@sub." + domain)).as("a subdomain is another domain").isEmpty();
        assertThat(directory.forEmail("alice@unknown-" + domain)).isEmpty();
        assertThat(directory.forEmail("not an address")).isEmpty();
        assertThat(directory.forSlug(owner.slug())).contains(route);
        assertThat(directory.forSlug(other.slug())).as("no connection").isEmpty();
        assertThat(directory.forSlug("no-such-workspace")).isEmpty();

        sso.disable(owner);
        assertThat(directory.forEmail("alice@" + domain)).isEmpty();
        assertThat(directory.forSlug(owner.slug())).isEmpty();
    }

    @Test
    void theClientRegistrationFollowsEditsDisableAndDeleteAtOnce() {
        TenantScope owner = teams.newWorkspace("Jon");
        String signIn = SsoDirectory.signInRegistrationId(owner.workspaceId());
        String test = SsoDirectory.testRegistrationId(owner.workspaceId());
        assertThat(signIn).isEqualTo("sso-" + owner.workspaceId());
        assertThat(directory.registration(signIn)).isEmpty();

        SsoConnection saved = sso.save(owner, draft(owner, "first-client", "first-secret"));
        assertThat(directory.registration(signIn)).as("disabled").isEmpty();
        ClientRegistration tested = directory.registration(test).orElseThrow();
        assertThat(tested.getClientId()).isEqualTo("first-client");
        assertThat(tested.getClientSecret()).isEqualTo("first-secret");
        assertThat(tested.getRedirectUri()).as("the redirect URI admins registered")
                .isEqualTo("{baseUrl}/login/oauth2/code/" + signIn);
        assertThat(tested.getProviderDetails().getIssuerUri()).isEqualTo(saved.issuer());
        assertThat(tested.getScopes()).containsExactlyInAnyOrder("openid", "email");

        enable(owner);
        ClientRegistration enabled = directory.registration(signIn).orElseThrow();
        assertThat(enabled.getRegistrationId()).isEqualTo(signIn);
        assertThat(enabled.getClientId()).isEqualTo("first-client");

        sso.save(owner, draft(owner, "second-client", "second-secret"));
        assertThat(directory.registration(signIn).orElseThrow().getClientId()).isEqualTo("second-client");
        assertThat(directory.registration(signIn).orElseThrow().getClientSecret()).isEqualTo("second-secret");

        sso.disable(owner);
        assertThat(directory.registration(signIn)).isEmpty();
        assertThat(directory.registration(test)).isPresent();
        sso.delete(owner);
        assertThat(directory.registration(test)).isEmpty();

        for (String notOurs : new String[] { "dev", "sso-", "sso-nope", "sso-test-" + UUID.randomUUID(), "sso-" + UUID.randomUUID() }) {
            assertThat(directory.registration(notOurs)).as(notOurs).isEmpty();
        }
    }

    @Test
    void aSecretSealedBeforeItsKeysetWasRotatedStillOpensAndOneSavedAfterIsSealedWithTheNewKey() {
        TenantScope owner = teams.newWorkspace("Rotation");
        String test = SsoDirectory.testRegistrationId(owner.workspaceId());
        sso.save(owner, draft(owner, "client", "sealed-before"));

        int newKey = rotation.rotate("sso-client-secrets").get("sso-client-secrets");
        assertThat(directory.registration(test).orElseThrow().getClientSecret()).isEqualTo("sealed-before");

        sso.save(owner, draft(owner, "client", "sealed-after"));
        byte[] sealed = platform.select(SSO_CONNECTION.CLIENT_SECRET).from(SSO_CONNECTION)
                .where(SSO_CONNECTION.WORKSPACE_ID.eq(owner.workspaceId())).fetchSingle(SSO_CONNECTION.CLIENT_SECRET);
        // Tink's ciphertext starts with a version byte and the id of the key that sealed it.
        assertThat(ByteBuffer.wrap(sealed, 1, 4).getInt()).isEqualTo(newKey);
        assertThat(directory.registration(test).orElseThrow().getClientSecret()).isEqualTo("sealed-after");
    }

    private void enable(TenantScope owner) {
        tests.succeeded(tests.start(owner), owner.accountId(), Map.of("sub", "someone"));
        sso.enable(owner);
    }

    private SsoConnectionDraft draft(TenantScope owner, String clientId, String secret) {
        return new SsoConnectionDraft(SsoPreset.CUSTOM, IDP.issuerUrl("directory-" + owner.slug()).toString(), clientId, secret,
                "openid email", teams.roleId(owner, "member"));
    }
}
