package dev.atrium.admin.api;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.atrium.admin.paging.InvalidSortKeyException;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.Slice;
import dev.atrium.admin.paging.SortKey;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The shape of the API's paged lists: {@code sort}, {@code limit} and {@code cursor} in, {@code {items, nextCursor}}
 * out, by keyset. One row more than asked is read to know whether a next page exists; the cursor is the last served
 * row's key, bound to the workspace, the sort and the filter it was made for.
 */
final class ApiLists {

    private final ApiCursor cursors;

    ApiLists(ApiCursor cursors) {
        this.cursors = cursors;
    }

    /**
     * @param scope  the workspace listed; a cursor made in another is refused
     * @param filter the list's filter; its text form is part of the view a cursor is bound to
     * @param sorts  the properties the list can be sorted by
     * @param fetch  the service's page, by keyset
     */
    <T, V> ApiPage<V> page(TenantScope scope, Object filter, @Nullable String sort, Set<String> sorts, @Nullable Integer limit,
            @Nullable String cursor, Function<PageRequest, Slice<T>> fetch, Function<T, V> view) {
        int size = ApiSort.limit(limit, PageRequest.MAX_LIMIT - 1);
        List<PageRequest.SortBy> order = ApiSort.parse(sort, sorts);
        String bound = order.stream().map(by -> (by.ascending() ? "" : "-") + by.property()).collect(Collectors.joining(","))
                + "|" + filter;
        SortKey after = cursors.after(cursor, scope, bound);
        Slice<T> slice;
        try {
            slice = fetch.apply(new PageRequest(0, size + 1, order, after));
        } catch (InvalidSortKeyException tampered) {
            throw ApiRequestException.invalid("cursor");
        }
        List<V> items = slice.items().stream().limit(size).map(view).toList();
        return new ApiPage<>(items, slice.items().size() > size ? cursors.of(scope, bound, slice.keys().get(size - 1)) : null);
    }
}
