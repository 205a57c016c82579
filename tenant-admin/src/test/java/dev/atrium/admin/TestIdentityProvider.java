package dev.atrium.admin;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.HttpUrl;

/**
 * A real OpenID provider (mock-oauth2-server) in the test JVM for the test class that registers it
 * ({@code @RegisterExtension static final TestIdentityProvider IDP = new TestIdentityProvider();}): started before its
 * first test, shut down after its last. Every issuer id is a separate issuer with its own keys, so a test that needs
 * its own identity provider names a fresh one.
 */
public final class TestIdentityProvider implements BeforeAllCallback, AfterAllCallback {

    private final MockOAuth2Server server = new MockOAuth2Server();

    @Override
    public void beforeAll(ExtensionContext context) {
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.shutdown();
    }

    public HttpUrl issuerUrl(String issuerId) {
        return server.issuerUrl(issuerId);
    }
}
