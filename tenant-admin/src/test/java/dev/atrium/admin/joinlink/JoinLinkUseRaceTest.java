package dev.atrium.admin.joinlink;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;

/** The use counter under concurrency: N+1 people using an N-use link at once give N members, and a revoke is decided before or after a use. */
@SpringBootTest
class JoinLinkUseRaceTest {

    private static final int RACES = 20;
    private static final int MAX_USES = 2;

    @Autowired JoinLinkService joinLinks;
    @Autowired MemberService members;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;

    @Test
    void moreSimultaneousUsesThanALinkAllowsGiveExactlyItsMaximumOfMembers() {
        TenantScope owner = teams.newWorkspace("Lina");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            CreatedJoinLink link = joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, MAX_USES, ""));
            List<Account> people = new ArrayList<>();
            for (int p = 0; p <= MAX_USES; p++) {
                people.add(accounts.newAccount("Joiner " + i + " " + p));
            }
            List<Throwable> outcomes = Races.run(people.stream()
                    .<Runnable>map(person -> () -> joinLinks.join(tokenOf(link.url()), person.id())).toArray(Runnable[]::new));
            long joined = outcomes.stream().filter(Objects::isNull).count();
            long membersNow = people.stream().filter(person -> isMember(owner, person.id())).count();
            JoinLink after = find(owner, link.link().id());
            if (joined != MAX_USES || membersNow != MAX_USES || after.uses() != MAX_USES) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate(MAX_USES + 1 + " simultaneous uses of a " + MAX_USES + "-use link: not exactly "
                + MAX_USES + " members and uses", violations, RACES)).isZero();
    }

    @Test
    void onePersonUsingALinkTwiceAtOnceJoinsOnceAndCountsOneUse() {
        TenantScope owner = teams.newWorkspace("Lotte");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            CreatedJoinLink link = joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, 5, ""));
            Account person = accounts.newAccount("Twice " + i);
            List<Throwable> outcomes = Races.run(() -> joinLinks.join(tokenOf(link.url()), person.id()),
                    () -> joinLinks.join(tokenOf(link.url()), person.id()));
            long joined = outcomes.stream().filter(Objects::isNull).count();
            if (joined != 1 || !isMember(owner, person.id()) || find(owner, link.link().id()).uses() != 1) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("one person using a link twice at once: not one membership and one use", violations, RACES))
                .isZero();
    }

    @Test
    void aUseRacingARevokeEitherCompletesBeforeItOrIsRefused() {
        TenantScope owner = teams.newWorkspace("Lore");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            CreatedJoinLink link = joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, null, ""));
            Account person = accounts.newAccount("Racer " + i);
            List<Throwable> outcomes = Races.run(() -> joinLinks.revoke(owner, link.link().id()),
                    () -> joinLinks.join(tokenOf(link.url()), person.id()));
            JoinLink after = find(owner, link.link().id());
            boolean joined = outcomes.get(1) == null;
            // Joined: the use counted on the link before it was revoked. Refused: nobody joined and nothing was counted.
            if (outcomes.get(0) != null || after.status() != JoinLinkStatus.REVOKED || joined != isMember(owner, person.id())
                    || after.uses() != (joined ? 1 : 0)) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("use vs. revoke: a use after the revoke, or one not counted", violations, RACES)).isZero();
    }

    private boolean isMember(TenantScope owner, UUID accountId) {
        return members.find(owner, accountId).isPresent();
    }

    private JoinLink find(TenantScope owner, UUID id) {
        return joinLinks.list(owner).stream().filter(link -> link.id().equals(id)).findFirst().orElseThrow();
    }
}
