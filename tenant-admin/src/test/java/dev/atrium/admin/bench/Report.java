package dev.atrium.admin.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.jooq.DSLContext;

/** A benchmark's plain-text report: formatted lines collected while it runs, printed to standard output at the end. */
public final class Report {

    private static final String RULE = "=".repeat(78);

    private final StringBuilder text = new StringBuilder();

    public void line(String format, Object... args) {
        text.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /**
     * The rule, the title, the JVM line ({@code java <version>, <n> CPUs} followed by {@code javaMore} formatted with
     * {@code args}) and the database version; the caller adds any further lines and then {@link #rule()}.
     */
    public void header(String title, DSLContext db, String javaMore, Object... args) {
        rule();
        line("%s", title);
        line("  java %s, %d CPUs%s", Runtime.version(), Runtime.getRuntime().availableProcessors(),
                String.format(Locale.ROOT, javaMore, args));
        line("  %s", db.fetchValue("select version()"));
    }

    public void rule() {
        line(RULE);
    }

    /** Ends the report with a rule and prints it to standard output after an empty line. */
    public void print() {
        rule();
        System.out.println();
        System.out.print(text);
        System.out.flush();
    }

    /** {@link #print()}, then the same text to the file (its directories created), to compare runs later. */
    public void print(Path file) {
        print();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SQL on one line, without the given schema's qualification and without quotes. */
    public static String readable(String sql, String schema) {
        return sql.replace("\"" + schema + "\".", "").replace("\"", "").replaceAll("\\s+", " ");
    }

    public static String abbreviate(String sql, int max) {
        return sql.length() <= max ? sql : sql.substring(0, max - 3) + "...";
    }
}
