package dev.atrium.admin.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The settings Atrium needs from other libraries come with it, and an application's own value always wins. */
class AtriumDefaultsTest {

    @Test
    void theLibrarysDefaultsApplyUnlessTheApplicationSetsTheProperty() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("application.properties",
                Map.of("spring.modulith.events.staleness.published", "PT10M")));

        new AtriumDefaults().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.modulith.events.jdbc.schema")).isEqualTo("platform");
        assertThat(environment.getProperty("management.endpoint.health.roles")).isEqualTo("OPERATOR");
        assertThat(environment.getProperty("spring.modulith.events.staleness.published")).isEqualTo("PT10M");
    }
}
