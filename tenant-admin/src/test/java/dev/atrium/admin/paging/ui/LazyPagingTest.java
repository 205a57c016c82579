package dev.atrium.admin.paging.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.vaadin.flow.data.provider.Query;
import com.vaadin.flow.data.provider.QuerySortOrder;
import com.vaadin.flow.data.provider.SortDirection;

import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.Slice;
import dev.atrium.admin.paging.SortKey;

/**
 * A grid's offset/limit requests become keyset pages sought from the nearest anchor, over a list of 1,000 rows whose
 * key is the row itself: every page shows the right rows, scrolling on asks for no skipped rows at all, a jump skips
 * only from the nearest anchor, and the anchors are bounded and forgotten on a refresh or another sort.
 */
class LazyPagingTest {

    private static final List<Integer> ROWS = IntStream.range(0, 1_000).boxed().toList();

    private final List<PageRequest> asked = new ArrayList<>();
    private final LazyPaging<String> paging = new LazyPaging<>();

    @Test
    void scrollingDeepSeeksFromTheLastPageAndShowsTheRightRows() {
        for (int offset = 0; offset < 1_000; offset += 50) {
            assertThat(fetch(offset, 50, "name")).isEqualTo(ROWS.subList(offset, offset + 50));
        }
        assertThat(asked.subList(1, asked.size())).allSatisfy(page -> assertThat(page.offset()).isZero());
        assertThat(asked.getLast().after()).isEqualTo(new SortKey(List.of(949)));
    }

    @Test
    void aJumpSkipsFromTheNearestAnchorAndLaterPagesSeekFromIt() {
        fetch(0, 50, "name");
        fetch(50, 50, "name");
        assertThat(fetch(900, 50, "name")).isEqualTo(ROWS.subList(900, 950));
        assertThat(asked.getLast()).isEqualTo(new PageRequest(800, 50, sort("name"), new SortKey(List.of(99))));
        assertThat(fetch(950, 50, "name")).isEqualTo(ROWS.subList(950, 1_000));
        assertThat(asked.getLast().offset()).isZero();
        assertThat(fetch(120, 30, "name")).isEqualTo(ROWS.subList(120, 150));
        assertThat(asked.getLast()).isEqualTo(new PageRequest(20, 30, sort("name"), new SortKey(List.of(99))));
    }

    @Test
    void anchorsAreBoundedAndForgottenOnARefreshOrAnotherSortOrFilter() {
        for (int offset = 0; offset < 1_000; offset++) {
            assertThat(fetch(offset, 1, "name")).containsExactly(offset);
        }
        assertThat(paging.anchors()).isEqualTo(LazyPaging.MAX_ANCHORS);
        // The oldest anchors went first: a page near the top is skipped to from the start.
        assertThat(fetch(10, 1, "name")).containsExactly(10);
        assertThat(asked.getLast()).isEqualTo(new PageRequest(10, 1, sort("name"), null));

        assertThat(paging.count(() -> 1_000)).isEqualTo(1_000);
        assertThat(paging.anchors()).isZero();
        fetch(0, 50, "name");
        fetch(50, 50, "email");
        assertThat(asked.getLast()).isEqualTo(new PageRequest(50, 50, sort("email"), null));
        assertThat(paging.anchors()).isEqualTo(1);
        paging.fetch(new Query<>(100, 50, List.of(new QuerySortOrder("email", SortDirection.ASCENDING)), null, null), "other filter",
                this::page);
        assertThat(asked.getLast()).isEqualTo(new PageRequest(100, 50, sort("email"), null));
    }

    private List<Integer> fetch(int offset, int limit, String property) {
        return paging.fetch(new Query<>(offset, limit, List.of(new QuerySortOrder(property, SortDirection.ASCENDING)), null, null),
                "filter", this::page).toList();
    }

    /** The service: rows after the key, skipping the offset. */
    private Slice<Integer> page(String filter, PageRequest page) {
        asked.add(page);
        int start = (page.after() == null ? 0 : (Integer) page.after().values().getFirst() + 1) + page.offset();
        List<Integer> items = ROWS.subList(Math.min(start, ROWS.size()), Math.min(start + page.limit(), ROWS.size()));
        return new Slice<>(items, items.stream().map(row -> new SortKey(List.of(row))).toList());
    }

    private static List<PageRequest.SortBy> sort(String property) {
        return List.of(new PageRequest.SortBy(property, true));
    }
}
