package dev.atrium.admin.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

/** A page of a list; {@code nextCursor} fetches the next one, null on the last page. */
record ApiPage<T>(List<T> items, @Nullable String nextCursor) {
}
