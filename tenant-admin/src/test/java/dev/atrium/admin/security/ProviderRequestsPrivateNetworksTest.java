package dev.atrium.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.assertj.core.api.ThrowingConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtException;

import com.sun.net.httpserver.HttpServer;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.outbound.OutboundHttp;
import dev.atrium.admin.sso.SsoDirectory;

/**
 * The requests sign-in makes from the server to an identity provider — token, key set (JWKS), userinfo — go through
 * the SSRF guard for a workspace's connection: where private networks are not allowed, as in production, an endpoint
 * on an internal address (here a server on the loopback interface that counts what reaches it) gets no request at
 * all, and the sign-in ends with {@code sso.address-internal} naming it instead of an error. The operator's app-wide
 * providers stay trusted: the same endpoints are called for them (a development run's local provider is on
 * localhost).
 *
 * <p>Why not a whole sign-in through a saved connection: with private networks not allowed, the guard refuses every
 * address of this machine's test servers, so the issuer's discovery document that a connection's registration is
 * built from could only be read if the test's DNS told the guard a loopback server was public — the very judgement
 * under test. So the registrations here are what {@link SsoDirectory} builds from a discovery document (public
 * issuer) naming internal endpoints, and Spring Security's own OIDC login provider runs them ({@link SignInCallbacks}),
 * as the sign-in's callback does. Signing in through a saved connection where private networks are allowed is
 * {@link ProviderRequestsTest}'s; the local provider of the sample app signing in where they are not, the app's
 * {@code AppWideProviderPrivateNetworksTest}. Saving a connection whose discovery document names internal
 * endpoints is refused before any sign-in ({@code SsoPrivateNetworksTest}).
 */
@SpringBootTest(properties = "atrium.webhooks.allow-private-networks=false")
class ProviderRequestsPrivateNetworksTest {

    private static final String APP_WIDE = "company-idp";

    @Autowired OutboundHttp outbound;

    private final InternalEndpoints internal = new InternalEndpoints();

    @AfterEach
    void stop() {
        internal.stop();
    }

    @Test
    void aWorkspaceConnectionsTokenRequestToAnInternalAddressIsNeverSent() {
        ClientRegistration workspace = registration(SsoDirectory.signInRegistrationId(UUID.randomUUID()));

        assertThatThrownBy(() -> signIn(workspace)).satisfies(refused(internal.url("/token")));
        assertThat(internal.paths()).as("requests that reached the internal endpoint").isEmpty();
    }

    @Test
    void aTestConnectionIsGuardedAsWell() {
        ClientRegistration test = registration(SsoDirectory.testRegistrationId(UUID.randomUUID()));

        assertThatThrownBy(() -> signIn(test)).satisfies(refused(internal.url("/token")));
        assertThat(internal.paths()).isEmpty();
    }

    @Test
    void aWorkspaceConnectionsKeySetAndUserinfoOnAnInternalAddressAreNeverFetched() {
        ClientRegistration workspace = registration(SsoDirectory.signInRegistrationId(UUID.randomUUID()));
        ProviderRequests requests = requests();

        assertThatThrownBy(() -> requests.idTokenDecoders().createDecoder(workspace).decode(idToken())).satisfies(refused(internal.url("/jwks")));
        assertThatThrownBy(() -> requests.userInfo().loadUser(new OAuth2UserRequest(workspace, accessToken())))
                .satisfies(refused(internal.url("/userinfo")));
        assertThat(internal.paths()).isEmpty();
    }

    @Test
    void theOperatorsAppWideProviderIsCalledOnAnInternalAddress() {
        ClientRegistration appWide = registration(APP_WIDE);
        ProviderRequests requests = requests();

        assertThatThrownBy(() -> signIn(appWide)).as("the token endpoint answers 500")
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getErrorCode()).isEqualTo("invalid_token_response"));
        assertThatThrownBy(() -> requests.idTokenDecoders().createDecoder(appWide).decode(idToken())).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> requests.userInfo().loadUser(new OAuth2UserRequest(appWide, accessToken())))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getErrorCode()).isEqualTo("invalid_user_info_response"));
        assertThat(internal.paths()).containsExactly("/token", "/jwks", "/userinfo");
    }

    /** As the security configuration wires them; the app-wide repository holds the operator's provider. */
    private ProviderRequests requests() {
        return new ProviderRequests(new InMemoryClientRegistrationRepository(registration(APP_WIDE)), outbound);
    }

    private void signIn(ClientRegistration registration) {
        SignInCallbacks.complete(requests(), registration, "code");
    }

    /** What a discovery document at a public issuer names, with the token, key set and userinfo endpoints inside. */
    private ClientRegistration registration(String registrationId) {
        return ClientRegistration.withRegistrationId(registrationId)
                .clientId("atrium").clientSecret("secret")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "email")
                .issuerUri("https://idp.example.com")
                .authorizationUri("https://idp.example.com/authorize")
                .tokenUri(internal.url("/token"))
                .jwkSetUri(internal.url("/jwks"))
                .userInfoUri(internal.url("/userinfo")).userNameAttributeName("sub")
                .build();
    }

    /** The refusal the sign-in page shows, naming the endpoint. */
    private static ThrowingConsumer<Throwable> refused(String endpoint) {
        return thrown -> assertThat(thrown).isInstanceOfSatisfying(OAuth2AuthenticationException.class, e -> {
            assertThat(e.getError().getErrorCode()).isEqualTo(AccountOidcUserService.REFUSED);
            assertThat(e.getCause()).satisfies(Refusals.reason("sso.address-internal", endpoint))
                    .satisfies(Refusals.english("Atrium does not connect to " + endpoint
                            + ": it leads to an internal network address. Use the identity provider's public address."));
        });
    }

    /** A signed ID token's form, with a key id the decoder has to look up in the key set. */
    private static String idToken() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString("{\"iss\":\"https://idp.example.com\",\"sub\":\"s\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + "." + base64.encodeToString(new byte[256]);
    }

    private static OAuth2AccessToken accessToken() {
        Instant now = Instant.now();
        return new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access", now, now.plusSeconds(60),
                Set.of("openid", "email"));
    }

    /** An internal service on the loopback interface that answers 500 and records the paths that reached it. */
    private static final class InternalEndpoints {

        private final HttpServer server;
        private final List<String> paths = new CopyOnWriteArrayList<>();

        InternalEndpoints() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                paths.add(exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(500, -1);
                exchange.close();
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        List<String> paths() {
            return paths;
        }

        void stop() {
            server.stop(0);
        }
    }
}
