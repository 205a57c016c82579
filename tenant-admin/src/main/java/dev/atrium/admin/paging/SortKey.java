package dev.atrium.admin.paging;

import java.util.List;

/**
 * A row's position in a sorted list: the values of its sort terms, the unique tie-breaker last. A page "after" it
 * starts with the next row, wherever that row is now — rows added or removed before it shift nothing. The values may
 * also be given as text (as an API cursor carries them); they are read as the sort terms' types.
 */
public record SortKey(List<Object> values) {

    public SortKey {
        values = List.copyOf(values);
    }
}
