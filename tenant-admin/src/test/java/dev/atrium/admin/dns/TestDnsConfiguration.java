package dev.atrium.admin.dns;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The test DNS server, and {@code atrium.domains.dns-server} pointing at it: domain verification goes through the
 * library's real dnsjava look-up to a server the tests control.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestDnsConfiguration {

    @Bean(destroyMethod = "close")
    TestDns testDns() {
        return new TestDns();
    }

    @Bean
    DynamicPropertyRegistrar testDnsServer(TestDns dns) {
        return registry -> registry.add("atrium.domains.dns-server", dns::address);
    }
}
