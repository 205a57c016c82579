package dev.atrium.admin.paging.ui;

import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;

import dev.atrium.admin.paging.PageRequest;

/** Lazy grids ask services for one page: the grid's query as a {@link PageRequest}, sorted by the columns' keys. */
public final class LazyPaging {

    /**
     * Rows a lazy grid asks for at a time (Vaadin's default is 50). The session keeps every loaded row, its key and
     * its cells' components until the row scrolls out of the loaded range; a grid of at most 36rem shows about 15 rows,
     * so 20 fill it and the next page comes in while scrolling.
     */
    public static final int PAGE_SIZE = 20;

    private LazyPaging() {
    }

    /** Sortable columns must have the service's sort property as their key. */
    public static PageRequest pageOf(Query<?, ?> query) {
        return new PageRequest(query.getOffset(), query.getLimit(), query.getSortOrders().stream()
                .map(order -> new PageRequest.SortBy(order.getSorted(), order.getDirection() == SortDirection.ASCENDING))
                .toList());
    }
}
