package dev.atrium.admin.i18n;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.vaadin.flow.i18n.I18NProvider;

import dev.atrium.admin.config.AtriumAutoConfiguration;
import dev.atrium.admin.config.AtriumProperties;

/** Atrium's {@link AtriumTranslations}, unless the host provides an {@link I18NProvider} of its own. */
@AutoConfiguration(after = AtriumAutoConfiguration.class)
class I18nAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(I18NProvider.class)
    AtriumTranslations atriumTranslations(AtriumProperties properties) {
        return new AtriumTranslations(properties.i18n().hostBasenames());
    }
}
