package dev.atrium.admin.paging;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a lazily loaded list: its sort order by named properties, and where it starts — {@code offset} rows
 * after the row whose sort key is {@code after} (keyset paging), or after the list's start when {@code after} is null.
 */
public record PageRequest(int offset, int limit, List<SortBy> sort, @Nullable SortKey after) {

    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        limit = Math.min(limit, MAX_LIMIT);
        sort = sort == null ? List.of() : List.copyOf(sort);
    }

    /** From the list's start. */
    public PageRequest(int offset, int limit, List<SortBy> sort) {
        this(offset, limit, sort, null);
    }

    /** Sorting by a property, ascending or not. */
    public record SortBy(String property, boolean ascending) {
    }
}
