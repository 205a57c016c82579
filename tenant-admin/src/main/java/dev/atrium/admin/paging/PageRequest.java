package dev.atrium.admin.paging;

import java.util.List;

/** One page of a lazily loaded list: where it starts, how long it is, and its sort order by named properties. */
public record PageRequest(int offset, int limit, List<SortBy> sort) {

    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must not be negative");
        }
        limit = Math.min(limit, MAX_LIMIT);
        sort = sort == null ? List.of() : List.copyOf(sort);
    }

    /** Sorting by a property, ascending or not. */
    public record SortBy(String property, boolean ascending) {
    }
}
