package dev.atrium.admin.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.atrium.admin.paging.PageRequest;

/** {@code sort=name,-joined}: properties in order, each at most once, a leading minus for descending. */
final class ApiSort {

    private ApiSort() {
    }

    static List<PageRequest.SortBy> parse(@Nullable String sort, Set<String> allowed) {
        List<PageRequest.SortBy> order = new ArrayList<>();
        if (sort == null || sort.isBlank()) {
            return order;
        }
        // Split into no more parts than can be valid, so a list of thousands costs no more than a short one.
        String[] parts = sort.split(",", allowed.size() + 1);
        if (parts.length > allowed.size()) {
            throw ApiRequestException.invalid("sort");
        }
        Set<String> seen = new HashSet<>();
        for (String part : parts) {
            String name = part.strip();
            boolean descending = name.startsWith("-");
            String property = descending ? name.substring(1) : name;
            if (!allowed.contains(property) || !seen.add(property)) {
                throw ApiRequestException.invalid("sort");
            }
            order.add(new PageRequest.SortBy(property, !descending));
        }
        return order;
    }

    static int limit(@Nullable Integer limit, int max) {
        if (limit == null) {
            return Math.min(50, max);
        }
        if (limit < 1 || limit > max) {
            throw ApiRequestException.invalid("limit");
        }
        return limit;
    }
}
