package dev.atrium.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.assertj.core.api.ThrowingConsumer;

import dev.atrium.admin.i18n.AtriumTranslations;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.refusal.Reason;

/** Assertions on refusals: their stable code and arguments, and what a person reads in English or German. */
public final class Refusals {

    private static final AtriumTranslations TRANSLATIONS = new AtriumTranslations(List.of());

    private Refusals() {
    }

    /** For {@code assertThatThrownBy(...).satisfies(code("member.last-owner"))}. */
    public static ThrowingConsumer<Throwable> code(String code) {
        return thrown -> assertThat(thrown).isInstanceOfSatisfying(AtriumRefusal.class, refusal -> assertThat(refusal.code()).isEqualTo(code));
    }

    /** The code and the arguments. */
    public static ThrowingConsumer<Throwable> reason(String code, Object... args) {
        return thrown -> assertThat(thrown).isInstanceOfSatisfying(AtriumRefusal.class,
                refusal -> assertThat(refusal.reason()).isEqualTo(Reason.of(code, args)));
    }

    /** The message a person with an English (or German) UI reads. */
    public static String text(Reason reason, Locale locale) {
        return TRANSLATIONS.getTranslation(reason.messageKey(), locale, reason.args(key -> TRANSLATIONS.getTranslation(key, locale)));
    }

    public static ThrowingConsumer<Throwable> english(String message) {
        return reads(Locale.ENGLISH, message);
    }

    public static ThrowingConsumer<Throwable> german(String message) {
        return reads(Locale.GERMAN, message);
    }

    private static ThrowingConsumer<Throwable> reads(Locale locale, String message) {
        return thrown -> assertThat(thrown).isInstanceOfSatisfying(AtriumRefusal.class,
                refusal -> assertThat(text(refusal.reason(), locale)).isEqualTo(message));
    }
}
