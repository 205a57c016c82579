package dev.atrium.admin.paging.ui;

import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.SortDirection;

import dev.atrium.admin.paging.PageRequest;

/** Lazy grids ask services for one page: the grid's query as a {@link PageRequest}, sorted by the columns' keys. */
public final class LazyPaging {

    private LazyPaging() {
    }

    /** Sortable columns must have the service's sort property as their key. */
    public static PageRequest pageOf(Query<?, ?> query) {
        return new PageRequest(query.getOffset(), query.getLimit(), query.getSortOrders().stream()
                .map(order -> new PageRequest.SortBy(order.getSorted(), order.getDirection() == SortDirection.ASCENDING))
                .toList());
    }
}
