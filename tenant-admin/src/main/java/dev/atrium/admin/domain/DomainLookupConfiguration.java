package dev.atrium.admin.domain;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.atrium.admin.config.AtriumProperties;

/** The DNS look-up of domain verification, unless the host defines its own {@link DomainTxtLookup}. */
@Configuration(proxyBeanMethods = false)
class DomainLookupConfiguration {

    @Bean
    @ConditionalOnMissingBean(DomainTxtLookup.class)
    DnsjavaTxtLookup domainTxtLookup(AtriumProperties properties) {
        return new DnsjavaTxtLookup(properties.domains().dnsServer(), properties.domains().lookupTimeout());
    }
}
