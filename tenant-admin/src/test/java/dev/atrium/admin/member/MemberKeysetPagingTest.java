package dev.atrium.admin.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.PageRequest.SortBy;
import dev.atrium.admin.paging.Slice;
import dev.atrium.admin.paging.SortKey;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.workspace.WorkspaceService;

/**
 * Keyset paging of the members list in every sort order it offers, both directions, on data full of ties (five
 * people of one name, three roles among 22 people, sixteen never active) and nulls (never active sorts last both
 * ways), with a page size that cuts through every tie group.
 */
@SpringBootTest
class MemberKeysetPagingTest {

    private static final int PAGE = 4;

    @Autowired MemberService members;
    @Autowired WorkspaceService workspaces;
    @Autowired TestWorkspaces teams;
    @Autowired MutableClock clock;

    @Test
    void everySortOrderPagedByKeysIsTheWholeOrderWithNullsLastAndTiesBrokenByTheId() {
        TenantScope owner = teams.newWorkspace("Olivia Owner");
        List<TenantScope> people = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            people.add(teams.join(owner, "Sam Same", i % 2 == 0 ? "member" : "guest"));
        }
        people.addAll(teams.joinAll(owner, "Pat", "guest", 12));
        people.addAll(teams.joinAll(owner, "Ann", "admin", 4));
        clock.advance(Duration.ofMinutes(5));
        for (TenantScope person : people.subList(0, 3)) {
            workspaces.recordVisit(person);
        }
        for (TenantScope person : people.subList(10, 13)) {
            clock.advance(Duration.ofMinutes(1));
            workspaces.recordVisit(person);
        }

        List<List<SortBy>> orders = new ArrayList<>();
        for (String property : List.of(MemberFilter.SORT_NAME, MemberFilter.SORT_EMAIL, MemberFilter.SORT_ROLE,
                MemberFilter.SORT_JOINED, MemberFilter.SORT_LAST_ACTIVE)) {
            orders.add(List.of(new SortBy(property, true)));
            orders.add(List.of(new SortBy(property, false)));
        }
        orders.add(List.of(new SortBy(MemberFilter.SORT_ROLE, true), new SortBy(MemberFilter.SORT_NAME, false)));
        orders.add(List.of(new SortBy(MemberFilter.SORT_LAST_ACTIVE, false), new SortBy(MemberFilter.SORT_NAME, true)));
        orders.add(List.of());

        for (List<SortBy> order : orders) {
            List<Member> whole = members.page(owner, MemberFilter.NONE, new PageRequest(0, 100, order));
            assertThat(whole).as("%s", order).hasSize(22);

            List<Member> walked = new ArrayList<>();
            SortKey after = null;
            while (true) {
                Slice<Member> page = members.slice(owner, MemberFilter.NONE, new PageRequest(0, PAGE, order, after));
                walked.addAll(page.items());
                if (page.items().size() < PAGE) {
                    break;
                }
                after = page.lastKey();
            }
            assertThat(ids(walked)).as("walked by keys, %s", order).isEqualTo(ids(whole));

            // A jump: skipping rows after a key, as a grid does from its nearest anchor.
            SortKey third = members.slice(owner, MemberFilter.NONE, new PageRequest(0, 3, order)).lastKey();
            assertThat(ids(members.page(owner, MemberFilter.NONE, new PageRequest(6, 5, order, third))))
                    .as("skipped after a key, %s", order).isEqualTo(ids(whole.subList(9, 14)));
        }

        // Nulls last both ways; among them, ties broken by the id in the order's direction.
        for (boolean ascending : List.of(true, false)) {
            List<Member> byActivity = members.page(owner, MemberFilter.NONE, new PageRequest(0, 100,
                    List.of(new SortBy(MemberFilter.SORT_LAST_ACTIVE, ascending))));
            assertThat(byActivity.subList(0, 6)).allSatisfy(m -> assertThat(m.lastActiveAt()).isNotNull());
            assertThat(byActivity.subList(6, 22)).allSatisfy(m -> assertThat(m.lastActiveAt()).isNull());
            Comparator<Member> expected = Comparator.comparing(Member::lastActiveAt, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(m -> m.accountId().toString());
            assertThat(byActivity.subList(0, 6)).isSortedAccordingTo(ascending ? expected : expected.reversed());
            assertThat(byActivity.subList(6, 22)).isSortedAccordingTo(ascending ? Comparator.comparing(m -> m.accountId().toString())
                    : Comparator.comparing((Member m) -> m.accountId().toString()).reversed());
        }
    }

    @Test
    void membersComingAndGoingBetweenPagesNeitherRepeatNorSkipThoseWhoStayed() {
        TenantScope owner = teams.newWorkspace("Mona Mover");
        List<TenantScope> people = teams.joinAll(owner, "Kim", "member", 20);
        Set<UUID> stayed = new HashSet<>(people.stream().map(TenantScope::accountId).toList());
        stayed.add(owner.accountId());
        List<SortBy> byName = List.of(new SortBy(MemberFilter.SORT_NAME, true));

        List<UUID> seen = new ArrayList<>();
        SortKey after = null;
        int round = 0;
        while (true) {
            Slice<Member> page = members.slice(owner, MemberFilter.NONE, new PageRequest(0, PAGE, byName, after));
            seen.addAll(ids(page.items()));
            if (page.items().size() < PAGE) {
                break;
            }
            after = page.lastKey();
            // Between pages: someone already seen leaves, and someone who sorts first arrives.
            UUID leaving = page.items().getFirst().accountId();
            if (!leaving.equals(owner.accountId())) {
                members.remove(owner, leaving);
                stayed.remove(leaving);
            }
            teams.join(owner, "Aaron " + round++, "member");
        }
        assertThat(seen).doesNotHaveDuplicates().containsAll(stayed);
    }

    private static List<UUID> ids(List<Member> list) {
        return list.stream().map(Member::accountId).toList();
    }
}
