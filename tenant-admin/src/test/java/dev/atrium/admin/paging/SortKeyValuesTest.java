package dev.atrium.admin.paging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A sort key as a tampered API cursor carries it: values the database would refuse (NUL in text, timestamps beyond
 * its range) or that no row holds (text longer than any column) are refused as an invalid key, before any query.
 */
class SortKeyValuesTest {

    private static final Field<String> NAME = DSL.field("name", String.class);
    private static final Field<OffsetDateTime> JOINED = DSL.field("joined", OffsetDateTime.class);
    private static final Field<UUID> ID = DSL.field("id", UUID.class);
    private static final String SOME_ID = UUID.randomUUID().toString();

    @Test
    void textWithNulOrLongerThanAnyColumnIsRefused() {
        Sorting.Keyset byName = keyset("name", NAME);

        assertThatThrownBy(() -> byName.after(new SortKey(List.of("Ada\0", SOME_ID)))).isInstanceOf(InvalidSortKeyException.class);
        assertThatThrownBy(() -> byName.after(new SortKey(List.of("a".repeat(1001), SOME_ID)))).isInstanceOf(InvalidSortKeyException.class);
        assertThatCode(() -> byName.after(new SortKey(List.of("a".repeat(1000), SOME_ID)))).doesNotThrowAnyException();
    }

    @Test
    void timestampsBeyondTheDatabasesYearsAreRefusedAndTheSentinelsAccepted() {
        Sorting.Keyset byJoined = keyset("joined", JOINED);

        assertThatThrownBy(() -> byJoined.after(new SortKey(List.of("+300000-01-01T00:00Z", SOME_ID))))
                .isInstanceOf(InvalidSortKeyException.class);
        assertThatThrownBy(() -> byJoined.after(new SortKey(List.of("0000-12-31T00:00Z", SOME_ID))))
                .isInstanceOf(InvalidSortKeyException.class);
        assertThatCode(() -> byJoined.after(new SortKey(List.of("0001-01-01T00:00Z", SOME_ID)))).doesNotThrowAnyException();
        assertThatCode(() -> byJoined.after(new SortKey(List.of("9999-12-31T00:00Z", SOME_ID)))).doesNotThrowAnyException();
    }

    private static Sorting.Keyset keyset(String property, Field<?> column) {
        return Sorting.keyset(new PageRequest(0, 10, List.of()), Map.of(property, Sorting.Sortable.of(column, ID)),
                List.of(new PageRequest.SortBy(property, true)));
    }
}
