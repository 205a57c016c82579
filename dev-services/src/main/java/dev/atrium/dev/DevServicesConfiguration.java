package dev.atrium.dev;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.util.StringUtils;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * Local stand-ins, so that Atrium runs with nothing else installed: an OpenID Connect provider with a sign-in form
 * (any e-mail address signs in) and an SMTP sink that keeps every mail in memory. Each starts only when its real
 * counterpart is not configured, and never when {@code atrium.dev-services.enabled=false} (the prod profile). This
 * module is on the classpath of {@code spring-boot:run} and the tests only; the production jar leaves it out.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration")
@Import({ DevServicesConfiguration.DevOidcProvider.class, DevServicesConfiguration.DevMailSink.class })
public final class DevServicesConfiguration {

    public static final String REGISTRATION_ID = "dev";
    public static final String ISSUER_ID = "atrium";

    private static final Logger log = LoggerFactory.getLogger(DevServicesConfiguration.class);
    /**
     * The local provider's configuration (mock-oauth2-server's JSON): the typed user name becomes subject and e-mail;
     * the claims box of the sign-in form can override both.
     */
    public static final String PROVIDER_CONFIG = """
            {"interactiveLogin": true,
             "tokenCallbacks": [{"issuerId": "%s", "tokenExpiry": 3600, "requestMappings": [
               {"requestParam": "grant_type", "match": "authorization_code",
                "claims": {"email": "${subject}", "email_verified": true}}]}]}""".formatted(ISSUER_ID);

    @Configuration(proxyBeanMethods = false)
    @Conditional({ Enabled.class, NoOidcProviderConfigured.class })
    static class DevOidcProvider {

        @Bean(destroyMethod = "shutdown")
        MockOAuth2Server devOidcProvider(@Value("${atrium.dev-services.oidc-port:0}") int port) throws UnknownHostException {
            MockOAuth2Server server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(PROVIDER_CONFIG));
            // 127.0.0.1 rather than localhost keeps the provider's cookies apart from the app's.
            server.start(InetAddress.getByName("127.0.0.1"), port);
            log.info("Local OpenID Connect provider (development only) at {}", server.issuerUrl(ISSUER_ID));
            return server;
        }

        @Bean
        ClientRegistrationRepository clientRegistrationRepository(MockOAuth2Server devOidcProvider) {
            return new InMemoryClientRegistrationRepository(ClientRegistrations
                    .fromIssuerLocation(devOidcProvider.issuerUrl(ISSUER_ID).toString())
                    .registrationId(REGISTRATION_ID)
                    .clientName("Atrium local sign-in")
                    .clientId("atrium-dev")
                    .clientSecret("atrium-dev-secret")
                    .scope("openid", "profile", "email")
                    .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                    .build());
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional({ Enabled.class, NoMailServerConfigured.class })
    @Import(DevMailInbox.class)
    static class DevMailSink {

        @Bean(destroyMethod = "stop")
        GreenMail devMailSink(@Value("${atrium.dev-services.smtp-port:0}") int port) {
            ServerSetup smtp = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            GreenMail greenMail = new GreenMail(port == 0 ? smtp.dynamicPort() : smtp);
            greenMail.start();
            log.info("Local SMTP sink (development only) on 127.0.0.1:{}", greenMail.getSmtp().getPort());
            return greenMail;
        }

        @Bean
        JavaMailSender mailSender(GreenMail devMailSink) {
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(devMailSink.getSmtp().getPort());
            return sender;
        }
    }

    static class Enabled implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().getProperty("atrium.dev-services.enabled", Boolean.class, true);
        }
    }

    static class NoOidcProviderConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Binder.get(context.getEnvironment())
                    .bind("spring.security.oauth2.client.registration", Bindable.mapOf(String.class, Object.class))
                    .map(Map::isEmpty).orElse(true);
        }
    }

    static class NoMailServerConfigured implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.mail.host"));
        }
    }
}
