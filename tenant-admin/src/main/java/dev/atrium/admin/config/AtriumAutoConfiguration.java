package dev.atrium.admin.config;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Atrium's services for a host that only adds the dependency: its capabilities' beans, its validated settings
 * ({@link AtriumProperties}), and scheduling, which its jobs need (audit purge and checkpoints, invitation e-mail
 * retries, rate-limit clean-up) whether or not the host schedules anything itself. The web parts (sign-in, pages,
 * request context, health) have auto-configurations of their own in their packages.
 */
// Before Boot's task auto-configurations, as an application's own beans would be: they see the outbox's executor and
// that scheduling is on, and set up the shared scheduler.
@AutoConfiguration(beforeName = {
        "org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration",
        "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration" })
@EnableConfigurationProperties(AtriumProperties.class)
@EnableScheduling
@ComponentScan(basePackages = "dev.atrium.admin", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = AtriumAutoConfiguration.WEB_GLUE) })
public class AtriumAutoConfiguration {

    /** Packages registered by their own (web) auto-configurations, never by scanning. */
    static final String WEB_GLUE = "dev\\.atrium\\.admin\\.(shell|security|web|health|api)\\..*";
}
