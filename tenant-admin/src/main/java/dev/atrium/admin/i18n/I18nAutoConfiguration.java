package dev.atrium.admin.i18n;

import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import com.vaadin.flow.i18n.I18NProvider;

/** Atrium's {@link AtriumTranslations}, unless the host provides an {@link I18NProvider} of its own. */
@AutoConfiguration
class I18nAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(I18NProvider.class)
    AtriumTranslations atriumTranslations(@Value("${atrium.i18n.host-basenames:messages}") List<String> hostBasenames) {
        return new AtriumTranslations(hostBasenames);
    }
}
