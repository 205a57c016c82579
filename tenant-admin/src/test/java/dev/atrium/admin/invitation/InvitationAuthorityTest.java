package dev.atrium.admin.invitation;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.invitation.InvitationPage.State;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/**
 * Invariant 5: an invitation does not outlive its authority. When it is accepted, its role must still be one its
 * inviter could grant at that moment.
 */
@SpringBootTest
class InvitationAuthorityTest {

    /** Beyond the interval (one minute) before an invitation can be resent. */
    private static final Duration PAST_RESEND_INTERVAL = Duration.ofMinutes(2);

    private static final int RACES = 50;

    @Autowired InvitationService invitations;
    @Autowired MemberService members;
    @Autowired RoleService roles;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired TenantDsl tenantDsl;
    @Autowired TestMailbox mailbox;
    @Autowired MutableClock clock;

    @Test
    void anInvitationFromAnAdminWhoWasDemotedIsRefusedFlaggedInTheGridAndWorksOnceAnOwnerResendsIt() throws Exception {
        TenantScope owner = teams.newWorkspace("Olaf");
        TenantScope inviter = teams.join(owner, "Ingrid", "admin");
        Account xena = accounts.newAccount("Xena");
        InviteOutcome.Sent sent = invitations.invite(inviter, xena.email(), teams.roleId(owner, "admin"), Locale.ENGLISH).invited().getFirst();
        assertThat(listed(owner, xena).inviterLostAuthority()).isFalse();
        mailbox.awaitTo(xena.email(), 1);

        members.changeRole(owner, inviter.accountId(), teams.roleId(owner, "member"));

        InvitationPage page = invitations.open(tokenOf(sent.link()), xena.id());
        assertThat(page.state()).isEqualTo(State.INVITER_NO_LONGER_ALLOWED);
        assertThat(page.invitedBy()).isEqualTo("Ingrid");
        assertThatThrownBy(() -> invitations.accept(tokenOf(sent.link()), xena.id())).isInstanceOf(InvitationException.class);
        assertThat(members.find(owner, xena.id())).isEmpty();
        assertThat(listed(owner, xena).inviterLostAuthority()).isTrue();
        assertThat(listed(owner, xena).status()).isEqualTo(InvitationStatus.PENDING);

        clock.advance(PAST_RESEND_INTERVAL);
        assertThat(invitations.resend(owner, List.of(sent.invitationId()), Locale.ENGLISH).done()).containsExactly(xena.email());

        Invitation resent = listed(owner, xena);
        assertThat(resent.inviterLostAuthority()).isFalse();
        assertThat(resent.invitedBy()).isEqualTo("Olaf");
        mailbox.awaitTo(xena.email(), 2);
        String newLink = mailbox.lastLinkTo(xena.email());
        assertThat(invitations.accept(tokenOf(newLink), xena.id())).isEqualTo(owner.slug());
        assertThat(members.find(owner, xena.id()).orElseThrow().roleName()).isEqualTo("Admin");
    }

    @Test
    void aRemovedMembersPendingInvitationsStayButCannotBeAccepted() {
        TenantScope owner = teams.newWorkspace("Oona");
        TenantScope inviter = teams.join(owner, "Iris", "admin");
        Account yann = accounts.newAccount("Yann");
        String link = invitations.invite(inviter, yann.email(), teams.roleId(owner, "member"), Locale.ENGLISH).invited().getFirst().link();

        members.remove(owner, inviter.accountId());

        assertThat(invitations.open(tokenOf(link), yann.id()).state()).isEqualTo(State.INVITER_NO_LONGER_ALLOWED);
        assertThatThrownBy(() -> invitations.accept(tokenOf(link), yann.id())).isInstanceOf(InvitationException.class);
        Invitation invitation = listed(owner, yann);
        assertThat(invitation.status()).isEqualTo(InvitationStatus.PENDING);
        assertThat(invitation.inviterLostAuthority()).isTrue();
    }

    @Test
    void anInvitationWhoseRoleTheInvitersRoleNoLongerCoversIsRefused() {
        TenantScope owner = teams.newWorkspace("Orson");
        RoleSummary lead = roles.create(owner, new RoleDraft("Lead", "", Set.of(Permissions.MEMBERS_VIEW,
                Permissions.MEMBERS_INVITE, Permissions.AUDIT_VIEW)));
        RoleSummary auditor = roles.create(owner, new RoleDraft("Auditor", "", Set.of(Permissions.AUDIT_VIEW)));
        TenantScope inviter = teams.join(owner, "Ines", lead.key());
        Account zoe = accounts.newAccount("Zoe");
        String link = invitations.invite(inviter, zoe.email(), auditor.id(), Locale.ENGLISH).invited().getFirst().link();

        roles.update(owner, lead.id(), new RoleDraft("Lead", "", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_INVITE)));

        assertThat(invitations.open(tokenOf(link), zoe.id()).state()).isEqualTo(State.INVITER_NO_LONGER_ALLOWED);
        assertThat(listed(owner, zoe).inviterLostAuthority()).isTrue();
        roles.update(owner, lead.id(), new RoleDraft("Lead", "", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_INVITE,
                Permissions.AUDIT_VIEW)));
        assertThat(invitations.accept(tokenOf(link), zoe.id())).isEqualTo(owner.slug());
    }

    @Test
    void anAcceptRacingTheInvitersDemotionNeverGrantsARoleTheInviterNoLongerHolds() {
        TenantScope owner = teams.newWorkspace("Odile");
        UUID memberRole = teams.roleId(owner, "member");
        UUID adminRole = teams.roleId(owner, "admin");
        List<TenantScope> inviters = teams.joinAll(owner, "Ivan", "admin", RACES);
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            TenantScope inviter = inviters.get(i);
            Account xena = accounts.newAccount("Xena " + i);
            String link = invitations.invite(inviter, xena.email(), adminRole, Locale.ENGLISH).invited().getFirst().link();
            List<Throwable> outcome = Races.run(() -> members.changeRole(owner, inviter.accountId(), memberRole),
                    () -> invitations.accept(tokenOf(link), xena.id()));
            boolean demoted = outcome.get(0) == null;
            boolean accepted = outcome.get(1) == null;
            if (demoted && accepted && committedBefore(owner, AuditActions.MEMBER_ROLE_CHANGED, inviter.accountId(),
                    AuditActions.MEMBER_JOINED, xena.id())) {
                violations++;
            }
        }
        assertThat(violations).as(Races.rate("accept vs. the inviter's demotion: accepted after it", violations, RACES)).isZero();
    }

    private Invitation listed(TenantScope owner, Account invitee) {
        return invitations.page(owner, new InvitationFilter(invitee.email(), null), new PageRequest(0, 10, List.of())).getFirst();
    }


    /** Whether the first event was recorded (its transaction committed) before the second: the chain orders them. */
    private boolean committedBefore(TenantScope scope, String firstAction, UUID firstTarget, String secondAction, UUID secondTarget) {
        return seq(scope, firstAction, firstTarget) < seq(scope, secondAction, secondTarget);
    }

    private long seq(TenantScope scope, String action, UUID target) {
        return tenantDsl.of(scope).select(AUDIT_EVENT.SEQ).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ACTION.eq(action)).and(AUDIT_EVENT.TARGET_ID.eq(target.toString()))
                .orderBy(AUDIT_EVENT.SEQ.desc()).limit(1).fetchSingle(AUDIT_EVENT.SEQ);
    }
}
