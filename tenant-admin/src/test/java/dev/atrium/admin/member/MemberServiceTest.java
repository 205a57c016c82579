package dev.atrium.admin.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestLocks;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.PageRequest.SortBy;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.workspace.WorkspaceService;

@SpringBootTest
class MemberServiceTest {

    @Autowired MemberService members;
    @Autowired WorkspaceService workspaces;
    @Autowired TenantBinder binder;
    @Autowired TestWorkspaces teams;
    @Autowired MutableClock clock;
    @Autowired TestLocks locks;

    @Test
    void theMembersGridPagesSortsAndFiltersInSql() {
        TenantScope owner = teams.newWorkspace("Olga");
        teams.join(owner, "Zed Zimmer", "member");
        teams.join(owner, "Amy Adams", "admin");
        teams.join(owner, "Mia Moore", "member");

        assertThat(members.count(owner, MemberFilter.NONE)).isEqualTo(4);
        assertThat(names(owner, MemberFilter.NONE, new PageRequest(0, 10, List.of(new SortBy(MemberFilter.SORT_NAME, true)))))
                .containsExactly("Amy Adams", "Mia Moore", "Olga", "Zed Zimmer");
        assertThat(names(owner, MemberFilter.NONE, new PageRequest(1, 2, List.of(new SortBy(MemberFilter.SORT_NAME, false)))))
                .containsExactly("Olga", "Mia Moore");
        assertThat(names(owner, new MemberFilter("zimm", null), new PageRequest(0, 10, List.of()))).containsExactly("Zed Zimmer");
        MemberFilter members_ = new MemberFilter(null, teams.roleId(owner, "member"));
        assertThat(members.count(owner, members_)).isEqualTo(2);
        assertThat(names(owner, new MemberFilter("%", null), new PageRequest(0, 10, List.of()))).isEmpty();
        assertThatThrownBy(() -> members.page(owner, MemberFilter.NONE, new PageRequest(0, 10, List.of(new SortBy("password", true)))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * A role change that had to wait for another change of the same member decides on the member as that one left
     * them. Its lock is taken on the member rows alone, the role joined afterwards: locked through the join, the row
     * was checked again against the role it had before, failed the join, and the change was refused as "not a member".
     */
    @Test
    void aRoleChangeThatWaitedForAnotherOfTheSameMemberDecidesOnTheRoleThatOneGave() throws Exception {
        TenantScope owner = teams.newWorkspace("Wanda");
        TenantScope admin = teams.join(owner, "Walter", "admin");
        TenantScope target = teams.join(owner, "Wendy", "member");

        CompletableFuture<Member> waiting = locks.waitingFor(
                () -> members.changeRole(owner, target.accountId(), teams.roleId(owner, "admin")),
                () -> members.changeRole(admin, target.accountId(), teams.roleId(owner, "guest")));

        assertThat(waiting.get(10, TimeUnit.SECONDS).roleName()).isEqualTo("Guest");
        assertThat(members.find(owner, target.accountId()).orElseThrow().roleName()).isEqualTo("Guest");
    }

    @Test
    void joinedAndLastActiveAreTheApplicationsTime() {
        TenantScope owner = teams.newWorkspace("Tara");
        Instant beforeJoin = clock.instant().truncatedTo(ChronoUnit.MICROS);
        TenantScope tim = teams.join(owner, "Tim", "member");
        Member joined = members.find(owner, tim.accountId()).orElseThrow();
        assertThat(joined.joinedAt()).isBetween(beforeJoin, clock.instant());
        assertThat(joined.lastActiveAt()).isNull();

        clock.advance(Duration.ofDays(3));
        Instant beforeVisit = clock.instant().truncatedTo(ChronoUnit.MICROS);
        workspaces.recordVisit(tim);

        Member visited = members.find(owner, tim.accountId()).orElseThrow();
        assertThat(visited.lastActiveAt()).isBetween(beforeVisit, clock.instant());
        assertThat(visited.joinedAt()).isEqualTo(joined.joinedAt());
    }

    @Test
    void anOwnerChangesRolesButNotTheirOwn() {
        TenantScope owner = teams.newWorkspace("Otto");
        TenantScope mel = teams.join(owner, "Mel", "member");

        Member promoted = members.changeRole(owner, mel.accountId(), teams.roleId(owner, "admin"));

        assertThat(promoted.roleName()).isEqualTo("Admin");
        assertThatThrownBy(() -> members.changeRole(owner, owner.accountId(), teams.roleId(owner, "member")))
                .isInstanceOf(MemberRuleException.class).satisfies(Refusals.code("member.self.change-role"));
    }

    @Test
    void membersWithoutThePermissionAreRefusedByTheServiceItself() {
        TenantScope owner = teams.newWorkspace("Olive");
        TenantScope max = teams.join(owner, "Max", "member");
        TenantScope guest = teams.join(owner, "Gus", "guest");

        assertThatThrownBy(() -> members.changeRole(max, guest.accountId(), teams.roleId(owner, "member")))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> members.remove(max, guest.accountId())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> members.transferOwnership(max, max.accountId())).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> members.count(guest, MemberFilter.NONE)).isInstanceOf(PermissionDeniedException.class);
        assertThat(members.count(owner, MemberFilter.NONE)).isEqualTo(3);
    }

    @Test
    void anAdminCannotMakeAnOwnerNorTouchOne() {
        TenantScope owner = teams.newWorkspace("Oprah");
        TenantScope admin = teams.join(owner, "Ada", "admin");
        TenantScope mo = teams.join(owner, "Mo", "member");

        assertThatThrownBy(() -> members.changeRole(admin, mo.accountId(), teams.roleId(owner, "owner")))
                .isInstanceOf(PermissionDeniedException.class).satisfies(Refusals.code("access.owner-only-assigns-owner"));
        assertThatThrownBy(() -> members.changeRole(admin, owner.accountId(), teams.roleId(owner, "member")))
                .isInstanceOf(MemberRuleException.class).satisfies(Refusals.code("member.owner-only.change-role"));
        assertThatThrownBy(() -> members.remove(admin, owner.accountId()))
                .isInstanceOf(MemberRuleException.class).satisfies(Refusals.code("member.owner-only.remove"));
        members.remove(admin, mo.accountId());
        assertThat(members.count(owner, MemberFilter.NONE)).isEqualTo(2);
    }

    @Test
    void theLastOwnerCannotLeaveOrBeDemotedAndAnotherOwnerCan() {
        TenantScope owner = teams.newWorkspace("Oscar");
        TenantScope second = teams.join(owner, "Sam", "owner");

        members.changeRole(owner, second.accountId(), teams.roleId(owner, "admin"));
        assertThatThrownBy(() -> members.leave(owner)).isInstanceOfSatisfying(MemberRuleException.class,
                e -> assertThat(e.rule()).isEqualTo(MemberRuleException.Rule.LAST_OWNER)).satisfies(Refusals.code("member.last-owner"));
        assertThat(members.find(owner, owner.accountId())).isPresent();

        members.changeRole(owner, second.accountId(), teams.roleId(owner, "owner"));
        members.leave(owner);
        assertThatThrownBy(() -> binder.bind(owner.accountId(), owner.slug())).isInstanceOf(TenantNotFoundException.class);
        TenantScope remaining = binder.bind(second.accountId(), second.slug());
        assertThatThrownBy(() -> members.leave(remaining)).isInstanceOf(MemberRuleException.class);
    }

    @Test
    void transferringOwnershipSwapsOwnerAndAdmin() {
        TenantScope owner = teams.newWorkspace("Orla");
        TenantScope heir = teams.join(owner, "Hal", "member");

        members.transferOwnership(owner, heir.accountId());

        assertThat(members.find(owner, heir.accountId()).orElseThrow().owner()).isTrue();
        assertThat(members.find(owner, owner.accountId()).orElseThrow().roleName()).isEqualTo("Admin");
        assertThat(workspaces.overview(binder.bind(heir.accountId(), heir.slug())).yourRole()).isEqualTo("Owner");
    }

    @Test
    void aRemovedMemberLosesAccessAtOnce() {
        TenantScope owner = teams.newWorkspace("Opal");
        TenantScope rex = teams.join(owner, "Rex", "member");
        assertThat(workspaces.workspacesOf(rex.accountId())).hasSize(1);

        members.remove(owner, rex.accountId());

        assertThatThrownBy(() -> binder.bind(rex.accountId(), rex.slug())).isInstanceOf(TenantNotFoundException.class);
        assertThat(workspaces.workspacesOf(rex.accountId())).isEmpty();
        assertThatThrownBy(() -> members.count(rex, MemberFilter.NONE)).isInstanceOf(PermissionDeniedException.class);
    }

    private List<String> names(TenantScope scope, MemberFilter filter, PageRequest page) {
        return members.page(scope, filter, page).stream().map(Member::name).toList();
    }
}
