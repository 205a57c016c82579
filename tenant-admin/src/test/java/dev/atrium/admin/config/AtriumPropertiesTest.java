package dev.atrium.admin.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Settings are checked when the application starts: a bad one stops it, naming the property and what is wrong. */
@ExtendWith(OutputCaptureExtension.class)
class AtriumPropertiesTest {

    @Test
    void aNegativeMigrationThreadCountStopsStartUpNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--spring.config.import=classpath:dev/atrium/admin/config/bad-migration-threads.properties")
                .close()).isNotNull();
        assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("atrium.tenants.migration-threads = \"-1\": must be greater than or equal to 1");
    }

    @Test
    void aRateLimitOfZeroStopsStartUpNamingTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--atrium.rate-limits.resends-per-workspace-per-hour=0").close()).isNotNull();
        assertThat(output).contains("atrium.rate-limits.resends-per-workspace-per-hour = \"0\": must be greater than or equal to 1");
    }

    @Test
    void unsetSettingsTakeTheDocumentedDefaults() {
        try (ConfigurableApplicationContext context = start("--atrium.keys.directory=")) {
            AtriumProperties properties = context.getBean(AtriumProperties.class);
            assertThat(properties.tenants().migrationThreads()).isEqualTo(4);
            assertThat(properties.invitations().mail().retryDelay()).hasSeconds(30);
            assertThat(properties.audit().purgeCron()).isEqualTo("0 30 3 * * *");
            assertThat(properties.audit().checkpoints().directory()).endsWith("/.atrium/audit-checkpoints");
            assertThat(properties.keys().directory()).as("empty means in memory, unlike unset").isEmpty();
            assertThat(properties.i18n().hostBasenames()).containsExactly("messages");
            assertThat(properties.domains().blocked()).contains("gmail.com", "outlook.com", "mailinator.com", "web.de");
            assertThat(properties.domains().dnsServer()).as("the system's resolvers").isEmpty();
            assertThat(properties.domains().recheckCron()).isEqualTo("0 0 * * * *");
        }
    }

    @Test
    void aDnsServerThatIsNoHostAndPortOrABlockedDomainInUpperCaseStopsStartUp(CapturedOutput output) {
        assertThatThrownBy(() -> start("--atrium.domains.dns-server=dns.example:port").close()).isNotNull();
        assertThat(output).contains("atrium.domains.dns-server = \"dns.example:port\": must be host or host:port");
        assertThatThrownBy(() -> start("--atrium.domains.blocked=example.com,Gmail.com").close()).isNotNull();
        assertThat(output).contains("must be a lower-case ASCII domain");
    }

    @Test
    void aHostReplacesTheBlockedListAndNamesItsDnsServer() {
        try (ConfigurableApplicationContext context = start("--atrium.keys.directory=", "--atrium.domains.blocked=corp-mail.example",
                "--atrium.domains.dns-server=127.0.0.1:5353")) {
            AtriumProperties properties = context.getBean(AtriumProperties.class);
            assertThat(properties.domains().blocked()).containsExactly("corp-mail.example");
            assertThat(properties.domains().dnsServer()).isEqualTo("127.0.0.1:5353");
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        // Only the given settings: not the test suite's application.properties.
        return new SpringApplicationBuilder(SettingsOnly.class).web(WebApplicationType.NONE)
                .properties("spring.config.location=optional:classpath:/no-application-properties/")
                .run(args);
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AtriumProperties.class)
    static class SettingsOnly {
    }
}
