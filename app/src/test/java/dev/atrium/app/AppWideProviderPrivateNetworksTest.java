package dev.atrium.app;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The operator's own identity provider is trusted where private networks are not allowed (production's setting): a
 * sign-in through the local provider on the loopback interface works, its token, key set and userinfo requests not
 * going through the SSRF guard that those of workspaces' connections go through (tenant-admin's
 * ProviderRequestsPrivateNetworksTest).
 */
@AtriumAppTest
@TestPropertySource(properties = "atrium.webhooks.allow-private-networks=false")
class AppWideProviderPrivateNetworksTest {

    @LocalServerPort
    int port;

    @Test
    void signingInThroughTheLocalProviderWorksWithPrivateNetworksNotAllowed() throws Exception {
        // Ends on Atrium's page, not on the sign-in page's error.
        new HttpSession(port).signIn("pia.private@example.test");
    }
}
