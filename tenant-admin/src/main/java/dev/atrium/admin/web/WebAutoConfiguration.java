package dev.atrium.admin.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

import dev.atrium.admin.audit.AuditRequestContext;
import dev.atrium.admin.config.AtriumAutoConfiguration;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.invitation.PublicUrl;

/** Request ids, audit events' origin and e-mailed links for a servlet web application; a host may replace the last two. */
@AutoConfiguration(after = AtriumAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class WebAutoConfiguration {

    @Bean
    RequestIdFilter requestIdFilter() {
        return new RequestIdFilter();
    }

    @Bean
    @ConditionalOnMissingBean(AuditRequestContext.class)
    RequestAuditContext requestAuditContext() {
        return new RequestAuditContext();
    }

    @Bean
    @ConditionalOnMissingBean(PublicUrl.class)
    RequestPublicUrl publicUrl(AtriumProperties properties) {
        return new RequestPublicUrl(properties.publicUrl(), properties.publicUrlRequired());
    }
}
