package dev.atrium.admin.paging;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.SelectConditionStep;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SortField;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/** Turns requested sort properties into SQL ORDER BY terms, accepting only the properties a list allows. */
public final class Sorting {

    private Sorting() {
    }

    /**
     * Offset paging, for short lists.
     *
     * @param allowed   the sortable properties and the columns they sort by
     * @param tieBreaker a unique column appended last, so that paging is stable
     */
    public static List<SortField<?>> orderBy(PageRequest page, Map<String, Field<?>> allowed, List<SortField<?>> defaults,
            SortField<?> tieBreaker) {
        List<SortField<?>> order = new ArrayList<>();
        for (PageRequest.SortBy sortBy : page.sort()) {
            Field<?> field = allowed.get(sortBy.property());
            if (field == null) {
                throw new IllegalArgumentException("Cannot sort by " + sortBy.property());
            }
            order.add(sortBy.ascending() ? field.asc().nullsLast() : field.desc().nullsLast());
        }
        if (order.isEmpty()) {
            order.addAll(defaults);
        }
        order.add(tieBreaker);
        return order;
    }

    /**
     * A property a keyset-paged list sorts by: a column that is never null, and the unique, non-null column that breaks
     * its ties — of the same table, so that one index on both serves the order and the seek.
     */
    public record Sortable(Field<?> ascending, Field<?> descending, Field<?> tieBreaker) {

        public static Sortable of(Field<?> column, Field<?> tieBreaker) {
            return new Sortable(column, column, tieBreaker);
        }

        /**
         * A nullable column, whose nulls come last in both directions: it sorts by the column with its nulls replaced
         * by {@code highest} (ascending) or {@code lowest} (descending), values no row holds — the expressions the
         * indexes for this order are made on.
         */
        public static <T> Sortable nullsLast(Field<T> column, T lowest, T highest, Field<?> tieBreaker) {
            return new Sortable(DSL.coalesce(column, DSL.inline(highest, column)), DSL.coalesce(column, DSL.inline(lowest, column)),
                    tieBreaker);
        }
    }

    /**
     * Keyset (seek) paging: the list sorted by the requested properties (the defaults when none), then by the first
     * property's tie-breaker in its direction, so every row has a unique position and a two-column index can be read
     * forwards or backwards.
     */
    public static Keyset keyset(PageRequest page, Map<String, Sortable> allowed, List<PageRequest.SortBy> defaults) {
        List<PageRequest.SortBy> requested = page.sort().isEmpty() ? defaults : page.sort();
        List<Field<?>> terms = new ArrayList<>();
        List<Boolean> ascending = new ArrayList<>();
        for (PageRequest.SortBy sortBy : requested) {
            Sortable sortable = allowed.get(sortBy.property());
            if (sortable == null) {
                throw new IllegalArgumentException("Cannot sort by " + sortBy.property());
            }
            terms.add(sortBy.ascending() ? sortable.ascending() : sortable.descending());
            ascending.add(sortBy.ascending());
        }
        terms.add(allowed.get(requested.getFirst().property()).tieBreaker());
        ascending.add(requested.getFirst().ascending());
        return new Keyset(terms, ascending);
    }

    /** A sort order whose rows are found by their sort keys: where a page starts is a condition, not a count of rows. */
    public static final class Keyset {

        /** Longer than any sorted text column: no row's key. */
        private static final int MAX_TEXT_KEY_LENGTH = 1000;

        private final List<Field<?>> terms;
        private final List<Boolean> ascending;
        private final List<Field<?>> keyColumns = new ArrayList<>();
        private final List<SortField<?>> orderBy = new ArrayList<>();

        private Keyset(List<Field<?>> terms, List<Boolean> ascending) {
            this.terms = List.copyOf(terms);
            this.ascending = List.copyOf(ascending);
            for (int i = 0; i < terms.size(); i++) {
                keyColumns.add(terms.get(i).as("sort_key_" + i));
                orderBy.add(ascending.get(i) ? terms.get(i).asc() : terms.get(i).desc());
            }
        }

        public List<SortField<?>> orderBy() {
            return orderBy;
        }

        /** The rows after the one with this key (all rows when null): a row-value comparison when all terms share a direction. */
        public Condition after(@Nullable SortKey key) {
            if (key == null) {
                return DSL.noCondition();
            }
            if (key.values().size() != terms.size()) {
                throw new InvalidSortKeyException("The sort key has " + key.values().size() + " values, the order " + terms.size());
            }
            List<Field<?>> values = new ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                values.add(value(terms.get(i), key.values().get(i)));
            }
            if (ascending.stream().distinct().count() == 1) {
                return ascending.getFirst() ? DSL.row(terms).gt(DSL.row(values)) : DSL.row(terms).lt(DSL.row(values));
            }
            Condition after = DSL.falseCondition();
            Condition equalBefore = DSL.trueCondition();
            for (int i = 0; i < terms.size(); i++) {
                @SuppressWarnings("unchecked")
                Field<Object> term = (Field<Object>) terms.get(i);
                @SuppressWarnings("unchecked")
                Field<Object> value = (Field<Object>) values.get(i);
                after = after.or(equalBefore.and(ascending.get(i) ? term.gt(value) : term.lt(value)));
                equalBefore = equalBefore.and(term.eq(value));
            }
            return after;
        }

        public SortKey keyOf(Record row) {
            List<Object> values = new ArrayList<>();
            for (Field<?> column : keyColumns) {
                values.add(row.get(column));
            }
            return new SortKey(values);
        }

        /**
         * One page: the rows {@code page.offset()} rows after {@code page.after()}, each with its key. An offset is
         * skipped by a query of the keys alone (the sort columns, from the indexes), then the rows are sought after
         * the key it found.
         *
         * @param columns the rows' columns
         * @param query   the list's SELECT of the given columns, under its filter and the given seek condition
         */
        public <T> Slice<T> fetch(PageRequest page, Collection<? extends SelectFieldOrAsterisk> columns,
                BiFunction<List<SelectFieldOrAsterisk>, Condition, SelectConditionStep<Record>> query, RecordMapper<Record, T> mapper) {
            SortKey start = page.after();
            if (page.offset() > 0) {
                Record skipped = query.apply(List.copyOf(keyColumns), after(start)).orderBy(orderBy)
                        .offset(page.offset() - 1).limit(1).fetchOne();
                if (skipped == null) {
                    return Slice.empty();
                }
                start = keyOf(skipped);
            }
            List<SelectFieldOrAsterisk> selected = new ArrayList<>(columns);
            selected.addAll(keyColumns);
            var rows = query.apply(selected, after(start)).orderBy(orderBy).limit(page.limit()).fetch();
            return new Slice<>(rows.map(mapper), rows.map(this::keyOf));
        }

        /**
         * Whether the database can compare the value at all: it refuses text with NUL and timestamps beyond its range,
         * which a tampered cursor may carry. Years 1 and 9999 stay valid: sorts put missing timestamps there.
         */
        private static boolean storable(Object value) {
            if (value instanceof String text) {
                return text.length() <= MAX_TEXT_KEY_LENGTH && text.indexOf('\0') < 0;
            }
            if (value instanceof OffsetDateTime at) {
                int year = at.withOffsetSameInstant(ZoneOffset.UTC).getYear();
                return year >= 1 && year <= 9999;
            }
            return true;
        }

        /** A key's value as the term's type; text (from a cursor) is parsed. */
        private static Field<?> value(Field<?> term, Object value) {
            Class<?> type = term.getType();
            try {
                Object typed = value;
                if (value instanceof String text && type != String.class) {
                    typed = type == OffsetDateTime.class ? OffsetDateTime.parse(text)
                            : type == UUID.class ? UUID.fromString(text)
                            : type == Long.class ? Long.valueOf(text)
                            : type == Integer.class ? Integer.valueOf(text)
                            : null;
                }
                if (typed == null || !type.isInstance(typed)) {
                    throw new InvalidSortKeyException("A sort key value of another type than " + type.getSimpleName());
                }
                if (!storable(typed)) {
                    throw new InvalidSortKeyException("A sort key value no row can hold");
                }
                @SuppressWarnings("unchecked")
                Field<Object> typedTerm = (Field<Object>) term;
                return DSL.val(typed, typedTerm);
            } catch (DateTimeParseException | IllegalArgumentException malformed) {
                if (malformed instanceof InvalidSortKeyException invalid) {
                    throw invalid;
                }
                throw new InvalidSortKeyException("A malformed sort key value");
            }
        }
    }
}
