package dev.atrium.admin.ui;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;

/**
 * How Atrium's components show values: times in the person's time zone (their browser's, see {@link BrowserTimeZone}),
 * in the UI's language.
 */
public final class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);

    private Formats() {
    }

    /** "—" for no time. */
    public static String dateTime(@Nullable OffsetDateTime time) {
        return dateTime(time == null ? null : time.toInstant());
    }

    /** "—" for no time. */
    public static String dateTime(@Nullable Instant time) {
        return time == null ? "—" : time.atZone(zone()).format(DATE_TIME.withLocale(locale()));
    }

    /** The day of {@code time} in the person's time zone; "—" for no time. */
    public static String date(@Nullable OffsetDateTime time) {
        return time == null ? "—" : time.atZoneSameInstant(zone()).format(DATE.withLocale(locale()));
    }

    /** The browser's time zone, kept on the UI; UTC until the browser told it, and outside a UI. */
    public static ZoneId zone() {
        UI ui = UI.getCurrent();
        ZoneId zone = ui == null ? null : ComponentUtil.getData(ui, ZoneId.class);
        return zone == null ? ZoneOffset.UTC : zone;
    }

    private static Locale locale() {
        UI ui = UI.getCurrent();
        return ui == null ? Locale.ENGLISH : ui.getLocale();
    }
}
