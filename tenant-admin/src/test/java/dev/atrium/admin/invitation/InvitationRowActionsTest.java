package dev.atrium.admin.invitation;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static dev.atrium.db.jooq.tenant.Tables.AUDIT_EVENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jooq.JSONB;
import org.jooq.Record2;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.web.util.HtmlUtils;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.mail.MailText;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
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
import jakarta.mail.internet.MimeMessage;

/**
 * A single invitation's own actions as its row's menu offers them: extend (same link, later expiry, audited), resend
 * (a new link to copy), and the list of pending invitations the Members page shows; and the e-mail a recipient gets.
 */
@SpringBootTest
class InvitationRowActionsTest {

    @Autowired InvitationService invitations;
    @Autowired RoleService roles;
    @Autowired MemberService members;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired TestMailbox mailbox;
    @Autowired TenantDsl tenantDsl;
    @Autowired MutableClock clock;

    @Test
    void extendingKeepsTheLinkPushesTheExpiryByTheWorkspacesDaysFromNowAndIsAudited() {
        TenantScope owner = teams.newWorkspace("Elsa");
        invitations.setExpiryDays(owner, 3);
        Account ann = accounts.newAccount("Ann");
        InviteOutcome.Sent sent = invitations.invite(owner, ann.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst();
        OffsetDateTime before = invitation(owner, sent.invitationId()).expiresAt();
        clock.advance(Duration.ofDays(2));

        OffsetDateTime after = invitations.extend(owner, sent.invitationId());

        assertThat(after).isCloseTo(OffsetDateTime.now(clock).plusDays(3), within(1, ChronoUnit.MINUTES)).isAfter(before.plusDays(1));
        assertThat(invitation(owner, sent.invitationId()).expiresAt()).isCloseTo(after, within(1, ChronoUnit.MILLIS));
        Record2<JSONB, JSONB> event = tenantDsl.of(owner).select(AUDIT_EVENT.BEFORE_VALUE, AUDIT_EVENT.AFTER_VALUE).from(AUDIT_EVENT)
                .where(AUDIT_EVENT.ACTION.eq(AuditActions.INVITATION_EXTENDED))
                .and(AUDIT_EVENT.TARGET_ID.eq(sent.invitationId().toString())).fetchSingle();
        assertThat(event.value1().data()).contains(before.toString().substring(0, 16));
        assertThat(event.value2().data()).contains(after.toString().substring(0, 16));
        // Past the first expiry, the same link still works: no new token was made.
        clock.advance(Duration.ofDays(2));
        assertThat(invitations.accept(tokenOf(sent.link()), ann.id())).isEqualTo(owner.slug());
    }

    @Test
    void anExpiredInvitationCanBeExtendedAndItsLinkWorksAgain() {
        TenantScope owner = teams.newWorkspace("Egon");
        Account bo = accounts.newAccount("Bo");
        InviteOutcome.Sent sent = invitations.invite(owner, bo.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst();
        clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));
        assertThat(invitations.open(tokenOf(sent.link()), bo.id()).state()).isEqualTo(State.EXPIRED);
        assertThat(invitation(owner, sent.invitationId())).satisfies(row -> {
            assertThat(row.replaced()).isFalse();
            assertThat(row.actionable()).isTrue();
        });

        invitations.extend(owner, sent.invitationId());

        assertThat(invitations.open(tokenOf(sent.link()), bo.id()).state()).isEqualTo(State.VALID);
    }

    @Test
    void closedOrReplacedInvitationsAreNotExtendedAndEachRefusalSaysWhy() {
        TenantScope owner = teams.newWorkspace("Enno");
        Account cy = accounts.newAccount("Cy");
        InviteOutcome.Sent accepted = invitations.invite(owner, cy.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst();
        invitations.accept(tokenOf(accepted.link()), cy.id());
        UUID cancelled = invitations.invite(owner, unique("cancelled"), memberRole(owner), Locale.ENGLISH).invited().getFirst().invitationId();
        invitations.cancel(owner, List.of(cancelled));
        String replacedAddress = unique("replaced");
        UUID replaced = invitations.invite(owner, replacedAddress, memberRole(owner), Locale.ENGLISH).invited().getFirst().invitationId();
        clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));
        invitations.invite(owner, replacedAddress, memberRole(owner), Locale.ENGLISH);

        assertThatThrownBy(() -> invitations.extend(owner, accepted.invitationId())).isInstanceOf(InvitationException.class)
                .satisfies(Refusals.code("invitation.already-accepted"));
        assertThatThrownBy(() -> invitations.extend(owner, cancelled)).isInstanceOf(InvitationException.class)
                .satisfies(Refusals.code("invitation.already-cancelled"));
        assertThatThrownBy(() -> invitations.extend(owner, replaced)).isInstanceOf(InvitationException.class)
                .satisfies(Refusals.code("invitation.newer-exists"));
        assertThatThrownBy(() -> invitations.extend(owner, UUID.randomUUID())).isInstanceOf(InvitationException.class)
                .satisfies(Refusals.code("invitation.not-found"));
        assertThat(tenantDsl.of(owner).fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(AuditActions.INVITATION_EXTENDED))).isZero();
    }

    @Test
    void onlyThoseWhoManageInvitationsAndMayGiveItsRoleExtendIt() {
        TenantScope owner = teams.newWorkspace("Ella");
        TenantScope member = teams.join(owner, "Mo", "member");
        RoleSummary manager = roles.create(owner, new RoleDraft("Invitation keeper", "", Set.of(Permissions.INVITATIONS_MANAGE)));
        TenantScope keeper = teams.join(owner, "Kim", "member");
        members.changeRole(owner, keeper.accountId(), manager.id());
        UUID forAdmin = invitations.invite(owner, unique("admin"), teams.roleId(owner, "admin"), Locale.ENGLISH).invited().getFirst().invitationId();

        assertThatThrownBy(() -> invitations.extend(member, forAdmin)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> invitations.extend(keeper, forAdmin)).isInstanceOf(PermissionDeniedException.class);
        assertThat(tenantDsl.of(owner).fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(AuditActions.INVITATION_EXTENDED))).isZero();
    }

    @Test
    void resendingGivesTheNewLinkToCopyWhichIsTheMailedOneAndTheOldLinkIsDead() {
        TenantScope owner = teams.newWorkspace("Rosa");
        Account dee = accounts.newAccount("Dee");
        InviteOutcome.Sent sent = invitations.invite(owner, dee.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst();
        mailbox.awaitOneTo(dee.email());
        clock.advance(Duration.ofMinutes(2));

        BulkOutcome resent = invitations.resend(owner, List.of(sent.invitationId()), Locale.ENGLISH);

        assertThat(resent.links()).singleElement().satisfies(link -> {
            assertThat(link.email()).isEqualTo(dee.email());
            assertThat(link.invitationId()).isEqualTo(sent.invitationId());
            assertThat(link.mailQueued()).isTrue();
            assertThat(link.link()).isNotEqualTo(sent.link());
        });
        String newLink = resent.links().getFirst().link();
        assertThat(MailText.linkIn(mailbox.awaitTo(dee.email(), 2)[1])).isEqualTo(newLink);
        assertThat(invitations.open(tokenOf(sent.link()), dee.id()).state()).isEqualTo(State.SUPERSEDED);
        assertThat(invitations.accept(tokenOf(newLink), dee.id())).isEqualTo(owner.slug());
    }

    /**
     * An invitation a newer one replaced is closed for good: its row offers no actions, and it is neither resent nor
     * extended, also once the newer one is gone, since a resent mail would carry a link that no longer opens anything;
     * nor cancelled, which would rewrite how it ended.
     */
    @Test
    void aReplacedInvitationOffersNoActionsAndIsNeitherResentExtendedNorCancelledAfterItsReplacementWasCancelled() {
        TenantScope owner = teams.newWorkspace("Rhea");
        Account eli = accounts.newAccount("Eli");
        UUID replaced = invitations.invite(owner, eli.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst().invitationId();
        mailbox.awaitOneTo(eli.email());
        clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));
        UUID replacement = invitations.invite(owner, eli.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst().invitationId();
        mailbox.awaitTo(eli.email(), 2);
        invitations.cancel(owner, List.of(replacement));

        assertThat(invitation(owner, replaced)).satisfies(row -> {
            assertThat(row.status()).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(row.replaced()).isTrue();
            assertThat(row.actionable()).isFalse();
        });
        BulkOutcome resent = invitations.resend(owner, List.of(replaced), Locale.ENGLISH);

        assertThat(resent.links()).isEmpty();
        assertThat(resent.done()).isEmpty();
        assertThat(resent.rejected()).singleElement().satisfies(r -> assertThat(r.reason().code()).isEqualTo("invitation.newer-exists"));
        assertThatThrownBy(() -> invitations.extend(owner, replaced)).isInstanceOf(InvitationException.class)
                .satisfies(Refusals.code("invitation.newer-exists"));
        BulkOutcome cancelled = invitations.cancel(owner, List.of(replaced));

        assertThat(cancelled.done()).isEmpty();
        assertThat(cancelled.rejected()).singleElement().satisfies(r -> assertThat(r.reason().code()).isEqualTo("invitation.newer-exists"));
        assertThat(invitation(owner, replaced)).satisfies(row -> {
            assertThat(row.status()).isEqualTo(InvitationStatus.EXPIRED);
            assertThat(row.replaced()).isTrue();
        });
        assertThat(tenantDsl.of(owner).fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.in(AuditActions.INVITATION_RESENT,
                AuditActions.INVITATION_EXTENDED))).isZero();
        assertThat(tenantDsl.of(owner).fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq(AuditActions.INVITATION_CANCELLED)
                .and(AUDIT_EVENT.TARGET_ID.eq(replaced.toString())))).isZero();
    }

    @Test
    void aRefusedResendGivesNoLink() {
        TenantScope owner = teams.newWorkspace("Rolf");
        UUID id = invitations.invite(owner, unique("soon"), memberRole(owner), Locale.ENGLISH).invited().getFirst().invitationId();

        BulkOutcome tooSoon = invitations.resend(owner, List.of(id), Locale.ENGLISH);

        assertThat(tooSoon.links()).isEmpty();
        assertThat(tooSoon.rejected()).singleElement().satisfies(r -> assertThat(r.reason().code()).isEqualTo("invitation.resend-too-soon"));
    }

    @Test
    void theEmailIsPlainTextAndHtmlWithWorkspaceInviterRoleLinkAndExpiryAndNamesStayUnlinkable() throws Exception {
        TenantScope owner = teams.newWorkspace("Hugo");
        RoleSummary role = roles.create(owner, new RoleDraft("Reviewer <b>", "", Set.of(Permissions.MEMBERS_VIEW)));
        String address = unique("multipart");

        InviteOutcome.Sent sent = invitations.invite(owner, address, role.id(), Locale.GERMAN).invited().getFirst();

        MimeMessage mail = mailbox.awaitOneTo(address);
        assertThat(mail.isMimeType("multipart/alternative")).isTrue();
        String text = MailText.plainText(mail);
        String html = MailText.html(mail);
        String expiry = "\\p{L}+, \\d{1,2}\\. \\p{L}+ \\d{4}, \\d{2}:\\d{2} UTC";
        assertThat(text).contains("Hugo hat Sie eingeladen, dem Arbeitsbereich „" + owner.workspaceName() + "“ auf Atrium als Reviewer <b> beizutreten.")
                .contains(sent.link()).containsPattern("läuft am " + expiry + " ab\\.");
        assertThat(html).contains("Hugo hat Sie eingeladen, dem Arbeitsbereich „" + HtmlUtils.htmlEscape(owner.workspaceName(), "UTF-8")
                        + "“ auf Atrium als Reviewer &lt;b&gt; beizutreten.")
                .contains("href=\"" + sent.link() + "\"").contains("Einladung annehmen").containsPattern("läuft am " + expiry + " ab\\.")
                .contains("style=\"").doesNotContain("<b>").doesNotContainPattern("(src|href)=\"(?!" + java.util.regex.Pattern.quote(sent.link()) + ")");
    }

    @Test
    void theMembersPagesPendingListShowsOnlyOpenInvitationsPagedSortedAndFilteredByAddress() {
        TenantScope owner = teams.newWorkspace("Pia");
        String prefix = "pending-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            invitations.invite(owner, prefix + "-" + i + "@example.com", memberRole(owner), Locale.ENGLISH);
        }
        UUID cancelled = invitations.invite(owner, prefix + "-cancelled@example.com", memberRole(owner), Locale.ENGLISH)
                .invited().getFirst().invitationId();
        invitations.cancel(owner, List.of(cancelled));
        invitations.invite(owner, "someone-else@example.com", memberRole(owner), Locale.ENGLISH);
        InvitationFilter pending = new InvitationFilter(prefix, InvitationStatus.PENDING);

        assertThat(invitations.count(owner, pending)).isEqualTo(5);
        List<Invitation> secondPage = invitations.page(owner, pending, new PageRequest(2, 2, List.of(
                new PageRequest.SortBy(InvitationFilter.SORT_EMAIL, false))));
        assertThat(secondPage).extracting(Invitation::email).containsExactly(prefix + "-2@example.com", prefix + "-1@example.com");
        assertThat(secondPage).allSatisfy(i -> assertThat(i.roleName()).isEqualTo("Member"));
        assertThat(invitations.count(owner, new InvitationFilter(null, InvitationStatus.PENDING))).isEqualTo(6);
    }

    private Invitation invitation(TenantScope scope, UUID id) {
        return invitations.page(scope, InvitationFilter.NONE, new PageRequest(0, 100, List.of())).stream()
                .filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    private UUID memberRole(TenantScope scope) {
        return teams.roleId(scope, "member");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID() + "@example.com";
    }
}
