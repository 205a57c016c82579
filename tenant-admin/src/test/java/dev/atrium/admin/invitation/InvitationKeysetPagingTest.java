package dev.atrium.admin.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

/**
 * Keyset paging of the invitations list in every sort order, both directions: 17 invitations in three roles, most
 * pending, some cancelled and some expired (so the status order, which depends on the time, has large tie groups), in
 * pages of four that cut through them.
 */
@SpringBootTest
class InvitationKeysetPagingTest {

    @Autowired InvitationService invitations;
    @Autowired TestWorkspaces teams;
    @Autowired MutableClock clock;

    @Test
    void everySortOrderPagedByKeysIsTheWholeOrder() {
        TenantScope owner = teams.newWorkspace("Ines Inviter");
        invite(owner, "early", "member", 6);
        clock.advance(Duration.ofDays(8));
        invite(owner, "guest", "guest", 6);
        InviteOutcome admins = invite(owner, "admin", "admin", 5);
        invitations.cancel(owner, admins.invited().subList(0, 2).stream().map(InviteOutcome.Sent::invitationId).toList());

        List<List<SortBy>> orders = new ArrayList<>();
        for (String property : List.of(InvitationFilter.SORT_EMAIL, InvitationFilter.SORT_ROLE, InvitationFilter.SORT_SENT,
                InvitationFilter.SORT_EXPIRES, InvitationFilter.SORT_STATUS)) {
            orders.add(List.of(new SortBy(property, true)));
            orders.add(List.of(new SortBy(property, false)));
        }
        orders.add(List.of(new SortBy(InvitationFilter.SORT_STATUS, true), new SortBy(InvitationFilter.SORT_EMAIL, false)));
        orders.add(List.of());

        List<Invitation> all = invitations.page(owner, InvitationFilter.NONE, new PageRequest(0, 100, List.of()));
        assertThat(all).hasSize(17);
        assertThat(all.stream().map(Invitation::status).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(InvitationStatus.PENDING, InvitationStatus.EXPIRED, InvitationStatus.CANCELLED);
        for (List<SortBy> order : orders) {
            List<UUID> whole = ids(invitations.page(owner, InvitationFilter.NONE, new PageRequest(0, 100, order)));
            List<UUID> walked = new ArrayList<>();
            SortKey after = null;
            while (true) {
                Slice<Invitation> page = invitations.slice(owner, InvitationFilter.NONE, new PageRequest(0, 4, order, after));
                walked.addAll(ids(page.items()));
                if (page.items().size() < 4) {
                    break;
                }
                after = page.lastKey();
            }
            assertThat(walked).as("%s", order).hasSize(17).isEqualTo(whole);
        }
    }

    private InviteOutcome invite(TenantScope owner, String prefix, String role, int count) {
        String addresses = IntStream.range(0, count).mapToObj(i -> prefix + "-" + UUID.randomUUID().toString().substring(0, 6) + "@example.test")
                .collect(Collectors.joining(","));
        return invitations.invite(owner, addresses, teams.roleId(owner, role), Locale.ENGLISH);
    }

    private static List<UUID> ids(List<Invitation> list) {
        return list.stream().map(Invitation::id).toList();
    }
}
