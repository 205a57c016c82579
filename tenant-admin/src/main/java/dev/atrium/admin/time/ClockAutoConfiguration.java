package dev.atrium.admin.time;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The system's UTC clock, unless the host application (or a test) provides a {@link Clock} of its own. An
 * auto-configuration, so that it is considered after the application's own beans.
 */
@AutoConfiguration
class ClockAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }
}
