package dev.atrium.admin.i18n;

import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.context.support.ResourceBundleMessageSource;

import com.vaadin.flow.i18n.I18NProvider;

/**
 * Vaadin's translations, read by Spring's {@link MessageSource} from Atrium's bundle and then the host's: a host may
 * override any of Atrium's keys by defining it in its own bundle, which is looked up first. Patterns use
 * {@link java.text.MessageFormat}. A missing key shows as {@code !key!}, which a test looks for, instead of failing the
 * page.
 */
public class AtriumTranslations implements I18NProvider {

    /** Atrium's own bundle on the class path. */
    public static final String ATRIUM_BASENAME = "dev/atrium/admin/messages";
    public static final List<Locale> LOCALES = List.of(Locale.ENGLISH, Locale.GERMAN);

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    public AtriumTranslations(List<String> hostBasenames) {
        hostBasenames.forEach(messages::addBasenames);
        messages.addBasenames(ATRIUM_BASENAME);
        messages.setDefaultEncoding("UTF-8");
        // English is the bundle without suffix: an unsupported locale falls back to it, never to the JVM's locale.
        messages.setFallbackToSystemLocale(false);
        // Patterns always go through MessageFormat, so that '' means ' whether or not a text has arguments.
        messages.setAlwaysUseMessageFormat(true);
    }

    @Override
    public List<Locale> getProvidedLocales() {
        return LOCALES;
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        try {
            return messages.getMessage(key, params, supported(locale));
        } catch (NoSuchMessageException e) {
            return "!" + key + "!";
        }
    }

    /** The supported language closest to {@code locale}: German for de-AT, English for anything unsupported. */
    public static Locale supported(Locale locale) {
        return LOCALES.stream()
                .filter(supported -> supported.getLanguage().equals(locale.getLanguage()))
                .findFirst()
                .orElse(Locale.ENGLISH);
    }
}
