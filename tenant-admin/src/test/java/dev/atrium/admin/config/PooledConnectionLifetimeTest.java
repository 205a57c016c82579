package dev.atrium.admin.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The application's pool retires its connections after Atrium's default lifetime: PostgreSQL keeps the catalog entries
 * of every workspace a connection served until the connection closes.
 */
@SpringBootTest
class PooledConnectionLifetimeTest {

    @Autowired DataSource dataSource;

    @Test
    void pooledConnectionsLiveTenMinutes() {
        assertThat(Duration.ofMillis(((HikariDataSource) dataSource).getMaxLifetime())).isEqualTo(Duration.ofMinutes(10));
    }
}
