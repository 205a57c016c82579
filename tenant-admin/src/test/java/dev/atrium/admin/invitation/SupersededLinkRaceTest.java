package dev.atrium.admin.invitation;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestLocks;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/** Invariant 3: once a resend or a cancel has committed, the old link never creates a membership. */
@SpringBootTest
class SupersededLinkRaceTest {

    /** Beyond the interval (one minute) before an invitation can be resent. */
    private static final Duration PAST_RESEND_INTERVAL = Duration.ofMinutes(2);

    private static final int RACES = 50;

    @Autowired InvitationService invitations;
    @Autowired MemberService members;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired TestLocks locks;
    @Autowired MutableClock clock;

    /**
     * The accept read the old token while the resend, holding the invitation's lock, had not committed yet; it then
     * waited on that lock until the resend committed.
     */
    @Test
    void anAcceptThatReadTheOldTokenJustBeforeTheResendAndWaitedOnTheLockIsRefused() throws Exception {
        TenantScope owner = teams.newWorkspace("Paula");
        int accepted = 0;
        int runs = 10;
        for (int i = 0; i < runs; i++) {
            Account rita = accounts.newAccount("Rita " + i);
            InviteOutcome.Sent sent = invitations.invite(owner, rita.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst();
            clock.advance(PAST_RESEND_INTERVAL);
            CompletableFuture<Boolean> accept = locks.waitingFor(
                    () -> assertThat(invitations.resend(owner, List.of(sent.invitationId()), Locale.ENGLISH).done()).containsExactly(rita.email()),
                    () -> accepts(tokenOf(sent.link()), rita));
            if (accept.get(10, TimeUnit.SECONDS)) {
                accepted++;
            }
        }
        assertThat(accepted).as(Races.rate("accept waiting on a resend's lock: old link accepted", accepted, runs)).isZero();
    }

    @Test
    void anAcceptRacingAResendOrACancelNeverUsesTheOldLinkAfterIt() {
        TenantScope owner = teams.newWorkspace("Pia");
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            Account rita = accounts.newAccount("Ria " + i);
            InviteOutcome.Sent sent = invitations.invite(owner, rita.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst();
            clock.advance(PAST_RESEND_INTERVAL);
            boolean resend = i % 2 == 0;
            boolean[] accepted = new boolean[1];
            BulkOutcome[] closed = new BulkOutcome[1];
            Races.run(() -> closed[0] = resend ? invitations.resend(owner, List.of(sent.invitationId()), Locale.ENGLISH)
                            : invitations.cancel(owner, List.of(sent.invitationId())),
                    () -> accepted[0] = accepts(tokenOf(sent.link()), rita));
            // Accepted first, the resend or cancel finds it accepted and refuses; done first, the old link is dead.
            if (accepted[0] && !closed[0].done().isEmpty()) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("accept vs. resend/cancel: both succeeded", violations, RACES)).isZero();
    }

    private boolean accepts(String token, Account account) {
        try {
            invitations.accept(token, account.id());
            return true;
        } catch (InvitationException e) {
            return false;
        }
    }

    private UUID memberRole(TenantScope scope) {
        return teams.roleId(scope, "member");
    }
}
