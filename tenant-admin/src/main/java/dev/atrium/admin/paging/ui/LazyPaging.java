package dev.atrium.admin.paging.ui;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;

import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.Slice;
import dev.atrium.admin.paging.SortKey;

/**
 * Lazy grids ask services for one page: the grid's query as a {@link PageRequest}, sorted by the columns' keys.
 *
 * <p>An instance belongs to one grid and pages it by keyset: it keeps anchors — the sort key of the last row of each
 * page served, by the position after it — for the grid's current filter and sort, and seeks each page from the nearest
 * anchor at or before its offset (skipping the few rows between by their keys alone). Scrolling on is as fast deep
 * down as at the top; a jump to where no anchor is skips from the nearest one. The anchors are forgotten when the
 * filter or sort changes and whenever the grid counts its rows again (a refresh: rows may have come or gone), and
 * at most {@value #MAX_ANCHORS} are kept, the oldest dropped first.
 *
 * @param <F> the grid's filter
 */
public final class LazyPaging<F> {

    public static final int MAX_ANCHORS = 200;

    private final TreeMap<Integer, SortKey> anchors = new TreeMap<>();
    private final ArrayDeque<Integer> anchorOrder = new ArrayDeque<>();
    private @Nullable List<Object> anchoredView;

    /** Sortable columns must have the service's sort property as their key. */
    public static PageRequest pageOf(Query<?, ?> query) {
        return new PageRequest(query.getOffset(), query.getLimit(), sortOf(query));
    }

    /** The grid's page, sought from the nearest anchor; remembers where the next page starts. */
    public <T> Stream<T> fetch(Query<T, ?> query, F filter, BiFunction<F, PageRequest, Slice<T>> pages) {
        List<PageRequest.SortBy> sort = sortOf(query);
        List<Object> view = List.of(filter, sort);
        if (!view.equals(anchoredView)) {
            forget();
            anchoredView = view;
        }
        Map.Entry<Integer, SortKey> anchor = anchors.floorEntry(query.getOffset());
        int from = anchor == null ? 0 : anchor.getKey();
        Slice<T> slice = pages.apply(filter, new PageRequest(query.getOffset() - from, query.getLimit(), sort,
                anchor == null ? null : anchor.getValue()));
        SortKey last = slice.lastKey();
        if (last != null) {
            remember(query.getOffset() + slice.items().size(), last);
        }
        return slice.items().stream();
    }

    /** The grid's row count; the grid counts again when it is refreshed, so the anchors are forgotten. */
    public int count(IntSupplier count) {
        forget();
        return count.getAsInt();
    }

    /** How many anchors are kept now. */
    int anchors() {
        return anchors.size();
    }

    private void remember(int position, SortKey key) {
        if (anchors.put(position, key) == null) {
            anchorOrder.addLast(position);
            if (anchorOrder.size() > MAX_ANCHORS) {
                anchors.remove(Objects.requireNonNull(anchorOrder.pollFirst()));
            }
        }
    }

    private void forget() {
        anchors.clear();
        anchorOrder.clear();
    }

    private static List<PageRequest.SortBy> sortOf(Query<?, ?> query) {
        return query.getSortOrders().stream()
                .map(order -> new PageRequest.SortBy(order.getSorted(), order.getDirection() == SortDirection.ASCENDING))
                .toList();
    }
}
