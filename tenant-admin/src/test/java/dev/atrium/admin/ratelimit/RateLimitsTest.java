package dev.atrium.admin.ratelimit;

import static dev.atrium.admin.TestAccounts.uniqueSlug;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.invitation.BulkOutcome;
import dev.atrium.admin.invitation.InvitationFilter;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InvitationTokens;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.joinlink.JoinLinkDraft;
import dev.atrium.admin.joinlink.JoinLinkPage;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.workspace.WorkspaceService;

/** The limits, configured low here, on a clock the tests move; their state is in PostgreSQL. */
@SpringBootTest(properties = {
        "atrium.rate-limits.workspaces-per-account-per-day=2",
        "atrium.rate-limits.invitations-per-workspace-per-hour=5",
        "atrium.rate-limits.resends-per-workspace-per-hour=2",
        "atrium.rate-limits.join-link-attempts-per-account-per-hour=3",
        "atrium.invitations.resend-interval=PT0S" })
class RateLimitsTest {

    private static final int ROUNDS = 5;
    private static final int THREADS_PER_NODE = 10;

    @Autowired WorkspaceService workspaces;
    @Autowired InvitationService invitations;
    @Autowired TestAccounts accounts;
    @Autowired TestWorkspaces teams;
    @Autowired MutableClock clock;
    @Autowired DSLContext platform;
    @Autowired DataSource dataSource;
    @Autowired TestMailbox mailbox;
    @Autowired JoinLinkService joinLinks;
    @Autowired MemberService members;

    @Test
    void anAccountThatTriedTooManyUnknownJoinLinkTokensIsRefusedEveryLinkUntilTheAllowanceRefills() {
        TenantScope owner = teams.newWorkspace("Guarded Links");
        String token = TestWorkspaces.tokenOf(joinLinks.create(owner, new JoinLinkDraft(teams.roleId(owner, "member"), 7, null, "")).url());
        Account guesser = accounts.newAccount("Gus");
        for (int i = 0; i < 5; i++) {
            assertThat(joinLinks.open(token, guesser.id()).state()).as("a link's own token does not count").isEqualTo(JoinLinkPage.State.VALID);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(joinLinks.open(InvitationTokens.newToken(), guesser.id()).state()).isEqualTo(JoinLinkPage.State.UNKNOWN);
        }

        assertThatThrownBy(() -> joinLinks.join(token, guesser.id()))
                .as("refused even with a link's token")
                .isInstanceOfSatisfying(RateLimitExceededException.class,
                        e -> assertThat(e.code()).isEqualTo("rate_limit.join_link_attempts"))
                .satisfies(Refusals.english("You have tried as many join links that do not exist as allowed (3 per hour). "
                        + "To protect the links, join links are refused to you for now. Try again in 20 minutes."));
        assertThatThrownBy(() -> joinLinks.open(token, guesser.id())).isInstanceOf(RateLimitExceededException.class);
        assertThat(members.find(owner, guesser.id())).isEmpty();
        assertThat(joinLinks.open(token, accounts.newAccount("Ola").id()).state()).as("per account").isEqualTo(JoinLinkPage.State.VALID);

        clock.advance(Duration.ofMinutes(10));
        assertThatThrownBy(() -> joinLinks.join(token, guesser.id())).isInstanceOf(RateLimitExceededException.class);
        clock.advance(Duration.ofHours(1));
        assertThat(joinLinks.join(token, guesser.id())).isEqualTo(owner.slug());
        assertThat(members.find(owner, guesser.id())).isPresent();
    }

    @Test
    void anAccountCreatesAtMostTheDailyNumberOfWorkspacesAndARefusalStoresNothing() {
        Account ann = accounts.newAccount("Ann");
        workspaces.create(ann.id(), "First", uniqueSlug("first"));
        workspaces.create(ann.id(), "Second", uniqueSlug("second"));
        String third = uniqueSlug("third");

        assertThatThrownBy(() -> workspaces.create(ann.id(), "Third", third))
                .isInstanceOfSatisfying(RateLimitExceededException.class, e -> {
                    assertThat(e.code()).isEqualTo("rate_limit.workspaces_created");
                    assertThat(e.retryAfter()).isBetween(Duration.ofHours(12).minusSeconds(5), Duration.ofHours(12).plusSeconds(1));
                })
                .satisfies(Refusals.english("You have created as many workspaces as allowed (2 workspaces per day). Try again in 12 hours."));
        assertThat(workspaces.workspacesOf(ann.id())).hasSize(2);
        assertThat(platform.fetchExists(WORKSPACE, WORKSPACE.SLUG.eq(third))).isFalse();
        assertThat(workspaces.create(accounts.newAccount("Ben").id(), "Ben's", uniqueSlug("ben"))).isNotNull();

        clock.advance(Duration.ofHours(12));
        assertThat(workspaces.create(ann.id(), "Third", third).slug()).isEqualTo(third);
    }

    @Test
    void invitationsCountPerAddressAndARequestOverTheHourlyAllowanceInvitesNobody() throws Exception {
        TenantScope owner = teams.newWorkspace("Ida");
        UUID member = teams.roleId(owner, "member");
        List<String> firstThree = addresses(3);
        invitations.invite(owner, String.join(" ", firstThree), member, Locale.ENGLISH);
        List<String> nextThree = addresses(3);

        assertThatThrownBy(() -> invitations.invite(owner, String.join(" ", nextThree), member, Locale.ENGLISH))
                .isInstanceOfSatisfying(RateLimitExceededException.class, e -> assertThat(e.code()).isEqualTo("rate_limit.invitations_sent"))
                .satisfies(Refusals.english("This workspace has sent as many invitations as allowed (5 invitations per hour; "
                        + "this asks for 3). Try again in 12 minutes."));
        assertThat(invitations.count(owner, InvitationFilter.NONE)).isEqualTo(3);
        assertThat(nextThree).allSatisfy(address -> assertThat(mailbox.to(address)).isEmpty());

        // Invalid addresses, repeats, members and pending invitations use up nothing.
        InviteOutcome two = invitations.invite(owner, String.join(" ", addresses(2)) + " nonsense " + firstThree.getFirst()
                + " " + firstThree.get(1).toUpperCase(), member, Locale.ENGLISH);
        assertThat(two.invited()).hasSize(2);
        assertThatThrownBy(() -> invitations.invite(owner, addresses(1).getFirst(), member, Locale.ENGLISH)).isInstanceOf(RateLimitExceededException.class);

        clock.advance(Duration.ofMinutes(12));
        assertThat(invitations.invite(owner, addresses(1).getFirst(), member, Locale.ENGLISH).invited()).hasSize(1);
        assertThat(invitations.count(owner, InvitationFilter.NONE)).isEqualTo(6);
    }

    /**
     * What an invite counts before its transaction is a guess: an address can become invitable meanwhile (its
     * invitation cancelled at that moment). Every invitation it sends counts, also those the guess left out: three
     * invitations cancelled while the same three addresses are invited again make six of the five allowed, so the
     * second invite is refused whenever it would send them.
     */
    @Test
    void invitationsCancelledWhileTheirAddressesAreInvitedAgainCountWhenSentAgain() {
        int violations = 0;
        for (int i = 0; i < ROUNDS * 2; i++) {
            TenantScope owner = teams.newWorkspace("Iris " + i);
            UUID member = teams.roleId(owner, "member");
            List<String> three = addresses(3);
            List<UUID> sent = invitations.invite(owner, String.join(" ", three), member, Locale.ENGLISH).invited().stream()
                    .map(InviteOutcome.Sent::invitationId).toList();
            InviteOutcome[] again = new InviteOutcome[1];
            List<Throwable> outcomes = Races.run(() -> invitations.cancel(owner, sent),
                    () -> again[0] = invitations.invite(owner, String.join(" ", three), member, Locale.ENGLISH));
            boolean sentAgain = outcomes.get(1) == null && !again[0].invited().isEmpty();
            if (outcomes.get(0) != null || sentAgain
                    || outcomes.get(1) != null && !(outcomes.get(1) instanceof RateLimitExceededException)) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("six invitations sent of five allowed", violations, ROUNDS * 2)).isZero();
    }

    @Test
    void resendsHaveTheirOwnHourlyAllowanceAndARefusedResendLeavesTheLinksAlone() throws Exception {
        TenantScope owner = teams.newWorkspace("Rosa");
        List<String> sent = addresses(3);
        List<UUID> ids = invitations.invite(owner, String.join(" ", sent), teams.roleId(owner, "member"), Locale.ENGLISH).invited().stream()
                .map(InviteOutcome.Sent::invitationId).toList();

        assertThatThrownBy(() -> invitations.resend(owner, ids, Locale.ENGLISH))
                .isInstanceOf(RateLimitExceededException.class)
                .satisfies(Refusals.code("rate_limit.invitations_resent.at_once"))
                .satisfies(Refusals.english("At most 2 resent invitations per hour are allowed; ask for fewer at once."));
        BulkOutcome two = invitations.resend(owner, ids.subList(0, 2), Locale.ENGLISH);
        assertThat(two.done()).containsExactlyElementsOf(sent.subList(0, 2));
        assertThatThrownBy(() -> invitations.resend(owner, ids.subList(2, 3), Locale.ENGLISH))
                .isInstanceOfSatisfying(RateLimitExceededException.class, e -> assertThat(e.code()).isEqualTo("rate_limit.invitations_resent"))
                .satisfies(Refusals.english("This workspace has resent as many invitations as allowed (2 resent invitations per hour). "
                        + "Try again in 30 minutes."));
        mailbox.awaitTo(sent.get(2), 1);

        clock.advance(Duration.ofMinutes(30));
        assertThat(invitations.resend(owner, ids.subList(2, 3), Locale.ENGLISH).done()).containsExactly(sent.get(2));
        mailbox.awaitTo(sent.get(2), 2);
    }

    /** Two application nodes (two Bucket4j proxy managers on one database), their requests released together. */
    @Test
    void aLimitIsSharedByTwoApplicationNodesTakingAtTheSameMoment() throws Exception {
        long capacity = THREADS_PER_NODE;
        Map<RateLimit, Long> limits = Map.of(RateLimit.INVITATIONS_SENT, capacity);
        List<RateLimiter> nodes = List.of(new RateLimiter(dataSource, clock, limits), new RateLimiter(dataSource, clock, limits));
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size() * THREADS_PER_NODE);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                UUID workspace = UUID.randomUUID();
                CyclicBarrier start = new CyclicBarrier(nodes.size() * THREADS_PER_NODE);
                List<Future<Boolean>> takes = new ArrayList<>();
                for (RateLimiter node : nodes) {
                    for (int i = 0; i < THREADS_PER_NODE; i++) {
                        takes.add(pool.submit(() -> {
                            start.await(10, TimeUnit.SECONDS);
                            try {
                                node.take(RateLimit.INVITATIONS_SENT, workspace, 1);
                                return true;
                            } catch (RateLimitExceededException refused) {
                                return false;
                            }
                        }));
                    }
                }
                int allowed = 0;
                for (Future<Boolean> take : takes) {
                    allowed += take.get(60, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(allowed).as("round %d: takes allowed of %d", round, takes.size()).isEqualTo(capacity);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> addresses(int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            addresses.add("limited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test");
        }
        return addresses;
    }
}
