package dev.atrium.admin.errors.ui;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.vaadin.flow.i18n.I18NProvider;
import com.vaadin.flow.server.VaadinServiceInitListener;

import dev.atrium.admin.audit.AuditRequestContext;

/** Gives every Vaadin session Atrium's {@link AtriumErrorHandler}, unless the host has its own. */
@AutoConfiguration(afterName = "dev.atrium.admin.i18n.I18nAutoConfiguration")
class ErrorHandlingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AtriumErrorHandler atriumErrorHandler(I18NProvider translations, ObjectProvider<AuditRequestContext> requestContext) {
        return new AtriumErrorHandler(translations, () -> requestContext.getIfAvailable(() -> () -> AuditRequestContext.Origin.NONE)
                .current().requestId());
    }

    @Bean
    VaadinServiceInitListener atriumErrorHandlerInstaller(AtriumErrorHandler handler) {
        return event -> event.getSource().addSessionInitListener(session -> session.getSession().setErrorHandler(handler));
    }
}
