package dev.atrium.admin.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * The settings of other libraries that Atrium relies on (its outbox's table and retry timing, health for operators
 * only, PostgreSQL for jOOQ, mail timeouts), as defaults a host never has to copy: {@code atrium-defaults.properties}
 * next to this class, consulted after every property source of the application, which therefore overrides any of them.
 */
class AtriumDefaults implements EnvironmentPostProcessor, Ordered {

    static final String NAME = "atriumDefaults";
    private static final String RESOURCE = "dev/atrium/admin/config/atrium-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource(NAME, new ClassPathResource(RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException("Atrium's default settings (" + RESOURCE + ") cannot be read", e);
        }
    }

    /** After the application's own configuration files are loaded, so that they come first. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
