package dev.atrium.admin.paging;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** The rows of a page, each with its sort key (the same index), so the next page can start after any of them. */
public record Slice<T>(List<T> items, List<SortKey> keys) {

    public Slice {
        if (items.size() != keys.size()) {
            throw new IllegalArgumentException("a key for every item");
        }
        items = List.copyOf(items);
        keys = List.copyOf(keys);
    }

    public static <T> Slice<T> empty() {
        return new Slice<>(List.of(), List.of());
    }

    public @Nullable SortKey lastKey() {
        return keys.isEmpty() ? null : keys.getLast();
    }
}
