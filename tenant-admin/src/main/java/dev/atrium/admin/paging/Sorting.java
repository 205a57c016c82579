package dev.atrium.admin.paging;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jooq.Field;
import org.jooq.SortField;

/** Turns requested sort properties into SQL ORDER BY terms, accepting only the properties a list allows. */
public final class Sorting {

    private Sorting() {
    }

    /**
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
}
