package dev.atrium.admin.bench;

import java.time.OffsetDateTime;
import java.util.UUID;

import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record4;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Deterministic per-row values for set-based {@code INSERT ... SELECT ... FROM generate_series} loads. */
public final class SeriesData {

    private SeriesData() {
    }

    /** n people: row number i and a first name, last name and mail domain picked by hashing i with the salt. */
    public static Table<Record4<Integer, String, String, String>> people(int n, int salt, String[] firstNames,
            String[] lastNames, String[] domains) {
        Table<Record1<Integer>> series = DSL.generateSeries(1, n).as("gs", "i");
        Field<Integer> i = series.field("i", Integer.class);
        return DSL.select(i.as("i"),
                        element(firstNames, pick(i, salt + 1, firstNames.length)).as("first_name"),
                        element(lastNames, pick(i, salt + 2, lastNames.length)).as("last_name"),
                        element(domains, pick(i, salt + 3, domains.length)).as("domain"))
                .from(series)
                .asTable("p");
    }

    /** A deterministic, evenly spread number from 0 to n - 1 for row i. */
    public static Field<Integer> pick(Field<Integer> i, int salt, int n) {
        return DSL.field("((hashint4({0} * 7 + {1}) % {2}) + {2}) % {2}", Integer.class, i, DSL.inline(salt), DSL.inline(n));
    }

    public static Field<String> element(String[] values, Field<Integer> index) {
        return DSL.field("({0})[{1} + 1]", String.class, DSL.inline(values), index);
    }

    /** The account id of row i: the md5 of {@code prefix || i} as a UUID. */
    public static Field<UUID> accountId(String prefix, Field<Integer> i) {
        return DSL.field("md5('" + prefix + "' || {0})::uuid", UUID.class, i);
    }

    /** Some time in the last three years, picked for row i. */
    public static Field<OffsetDateTime> joinedAt(Field<Integer> i) {
        return secondsAgo(pick(i, 5, 3 * 365 * 86_400));
    }

    public static Field<OffsetDateTime> secondsAgo(Field<Integer> seconds) {
        return DSL.field("now() - make_interval(secs => {0})", OffsetDateTime.class, seconds);
    }
}
