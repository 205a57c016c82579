package dev.atrium.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void withoutAnOidcProviderStartUpFailsWithAClearMessage() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(AtriumApplication.class).run(COMMON).close())
                .rootCause()
                .hasMessageContaining("No OpenID Connect provider is configured")
                .hasMessageContaining("spring.security.oauth2.client.registration");
    }

    @Test
    void withAConfiguredProviderNoLocalStandInStarts() {
        String provider = "--spring.security.oauth2.client.provider.corp.";
        String registration = "--spring.security.oauth2.client.registration.corp.";
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(AtriumApplication.class).run(
                COMMON[0], COMMON[1], COMMON[2], COMMON[3],
                provider + "authorization-uri=https://sso.example.test/authorize",
                provider + "token-uri=https://sso.example.test/token",
                provider + "jwk-set-uri=https://sso.example.test/jwks",
                provider + "user-name-attribute=sub",
                registration + "client-id=atrium",
                registration + "client-secret=secret",
                registration + "scope=openid,profile,email",
                registration + "redirect-uri={baseUrl}/login/oauth2/code/{registrationId}",
                registration + "authorization-grant-type=authorization_code")) {
            assertThat(context.getBeanNamesForType(MockOAuth2Server.class)).isEmpty();
            assertThat(context.getBeanNamesForType(GreenMail.class)).isEmpty();
        }
    }
}
