package dev.atrium.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.atrium.admin.paging.PageRequest;

/** A sort list names each sortable field at most once: a repeat, or a list longer than the fields, is an invalid sort. */
class ApiSortTest {

    private static final Set<String> SORTS = Set.of("name", "email", "joined");

    @Test
    void eachFieldOnceInAnyDirectionIsTheOrder() {
        assertThat(ApiSort.parse("name,-joined,email", SORTS)).containsExactly(new PageRequest.SortBy("name", true),
                new PageRequest.SortBy("joined", false), new PageRequest.SortBy("email", true));
    }

    @Test
    void aFieldRepeatedInEitherDirectionIsRefused() {
        for (String sort : List.of("name,name", "name,-name", "-email,joined,email")) {
            assertThatThrownBy(() -> ApiSort.parse(sort, SORTS)).as(sort).isInstanceOfSatisfying(ApiRequestException.class,
                    refused -> assertThat(refused.reason()).isEqualTo(ApiRequestException.invalid("sort").reason()));
        }
    }

    @Test
    void moreEntriesThanSortableFieldsAreRefused() {
        String tooMany = String.join(",", Collections.nCopies(10_000, "name,email,joined"));

        assertThatThrownBy(() -> ApiSort.parse(tooMany, SORTS)).isInstanceOfSatisfying(ApiRequestException.class,
                refused -> assertThat(refused.reason()).isEqualTo(ApiRequestException.invalid("sort").reason()));
    }
}
