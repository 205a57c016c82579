package dev.atrium.admin.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.tenancy.TenantScope;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * What sign-in finds before anyone is signed in: home-realm discovery by e-mail domain and the direct link by slug lead
 * only through a verified domain and an enabled connection; the connection's client registration follows every edit,
 * disable and delete at once, though registrations are cached.
 */
@SpringBootTest
class SsoDirectoryTest {

    private static final MockOAuth2Server IDP = new MockOAuth2Server();

    @Autowired SsoDirectory directory;
    @Autowired SsoService sso;
    @Autowired SsoConnectionTests tests;
    @Autowired TestWorkspaces teams;
    @Autowired DomainService domains;
    @Autowired TestDns dns;

    @BeforeAll
    static void startIdentityProvider() {
        IDP.start();
    }

    @AfterAll
    static void stopIdentityProvider() {
        IDP.shutdown();
    }

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

    private void enable(TenantScope owner) {
        tests.succeeded(tests.start(owner), owner.accountId(), Map.of("sub", "someone"));
        sso.enable(owner);
    }

    private SsoConnectionDraft draft(TenantScope owner, String clientId, String secret) {
        return new SsoConnectionDraft(SsoPreset.CUSTOM, IDP.issuerUrl("directory-" + owner.slug()).toString(), clientId, secret,
                "openid email", teams.roleId(owner, "member"));
    }
}
