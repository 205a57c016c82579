package dev.atrium.admin.ui;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** How Atrium's components show values. Times are in the server's zone: accounts have no time zone yet. */
public final class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT);

    private Formats() {
    }

    /** "—" for no time. */
    public static String dateTime(OffsetDateTime time) {
        return time == null ? "—" : time.atZoneSameInstant(ZoneId.systemDefault()).format(DATE_TIME);
    }
}
