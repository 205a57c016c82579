package dev.atrium.admin.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.util.UriComponentsBuilder;

import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.outbound.OutboundHttp;
import dev.atrium.admin.sso.SsoConnectionDraft;
import dev.atrium.admin.sso.SsoDirectory;
import dev.atrium.admin.sso.SsoPreset;
import dev.atrium.admin.sso.SsoService;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * A sign-in through a workspace's connection completes with its requests on the guarded client: the token response,
 * the ID token checked with the issuer's key set and the userinfo answer are read as Spring Security's own clients read
 * them (here private networks are allowed, as the tests' identity provider is on the loopback interface).
 */
@SpringBootTest
class ProviderRequestsTest {

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @Autowired OutboundHttp outbound;
    @Autowired SsoService sso;
    @Autowired SsoDirectory directory;
    @Autowired TestWorkspaces teams;

    @Test
    void aSignInThroughAWorkspacesConnectionCompletes() throws Exception {
        TenantScope owner = teams.newWorkspace("Greta");
        sso.save(owner, new SsoConnectionDraft(SsoPreset.CUSTOM, IDP.issuerUrl("guarded-" + owner.slug()).toString(), "atrium",
                "secret", "openid email", teams.roleId(owner, "member")));
        ClientRegistration connection = directory.registration(SsoDirectory.testRegistrationId(owner.workspaceId())).orElseThrow();
        ClientRegistrationRepository noAppWideProvider = registrationId -> null;

        OidcUser user = (OidcUser) SignInCallbacks.complete(new ProviderRequests(noAppWideProvider, outbound), connection,
                authorizationCode(connection)).getPrincipal();

        assertThat(user.getIdToken().getIssuer().toString()).isEqualTo(connection.getProviderDetails().getIssuerUri());
        assertThat(user.getUserInfo()).as("the userinfo answer").isNotNull();
        assertThat(user.getUserInfo().getSubject()).isEqualTo(user.getSubject());
    }

    /** What the identity provider's authorization endpoint sends the browser back with. */
    private static String authorizationCode(ClientRegistration connection) throws IOException, InterruptedException {
        URI authorize = UriComponentsBuilder.fromUriString(connection.getProviderDetails().getAuthorizationUri())
                .queryParam("client_id", connection.getClientId()).queryParam("response_type", "code")
                .queryParam("redirect_uri", SignInCallbacks.redirectUri(connection)).queryParam("scope", "openid email")
                .queryParam("state", "state").encode().build().toUri();
        HttpResponse<Void> back = HttpClient.newHttpClient().send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.discarding());
        return UriComponentsBuilder.fromUriString(back.headers().firstValue("Location").orElseThrow()).build().getQueryParams()
                .getFirst("code");
    }
}
