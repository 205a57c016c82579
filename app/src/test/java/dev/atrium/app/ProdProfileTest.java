package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.icegreen.greenmail.util.GreenMail;

import no.nav.security.mock.oauth2.MockOAuth2Server;

/** The prod profile never starts the local OIDC provider or SMTP sink, and says what to configure. */
class ProdProfileTest {

    // The production bundle's token is only in the packaged jar; these contexts serve no pages anyway.
    private static final String[] COMMON = { "--spring.profiles.active=prod", "--server.port=0",
            "--atrium.embedded-postgres.data-directory=", "--vaadin.productionMode=true" };

    private static final String PUBLIC_URL = "--atrium.public-url=https://atrium.example.test";
    private static final String PROVIDER = "--spring.security.oauth2.client.provider.corp.";
    private static final String REGISTRATION = "--spring.security.oauth2.client.registration.corp.";
    private static final String[] OIDC_PROVIDER = {
            PROVIDER + "authorization-uri=https://sso.example.test/authorize",
            PROVIDER + "token-uri=https://sso.example.test/token",
            PROVIDER + "jwk-set-uri=https://sso.example.test/jwks",
            PROVIDER + "user-name-attribute=sub",
            REGISTRATION + "client-id=atrium",
            REGISTRATION + "client-secret=secret",
            REGISTRATION + "scope=openid,profile,email",
            REGISTRATION + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
            REGISTRATION + "authorization-grant-type=authorization_code" };

    @Test
    void withoutAnOidcProviderStartUpFailsWithAClearMessage() {
        assertThatThrownBy(() -> run(PUBLIC_URL).close())
                .rootCause()
                .hasMessageContaining("No OpenID Connect provider is configured")
                .hasMessageContaining("spring.security.oauth2.client.registration");
    }

    @Test
    void withoutAPublicUrlStartUpFailsWithAClearMessage() {
        assertThatThrownBy(() -> run(OIDC_PROVIDER).close())
                .rootCause()
                .hasMessageContaining("atrium.public-url is not set")
                .hasMessageContaining("never from a request's Host header");
    }

    @Test
    void withAConfiguredProviderAndPublicUrlNoLocalStandInStarts() {
        String[] settings = Arrays.copyOf(OIDC_PROVIDER, OIDC_PROVIDER.length + 1);
        settings[OIDC_PROVIDER.length] = PUBLIC_URL;
        try (ConfigurableApplicationContext context = run(settings)) {
            assertThat(context.getBeanNamesForType(MockOAuth2Server.class)).isEmpty();
            assertThat(context.getBeanNamesForType(GreenMail.class)).isEmpty();
        }
    }

    private static ConfigurableApplicationContext run(String... settings) {
        return new SpringApplicationBuilder(AtriumApplication.class)
                .run(Stream.concat(Arrays.stream(COMMON), Arrays.stream(settings)).toArray(String[]::new));
    }
}
