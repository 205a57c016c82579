package dev.atrium.admin.invitation;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static dev.atrium.db.jooq.platform.Tables.INVITATION_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.i18n.LocaleContextHolder;


import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestApplication;
import dev.atrium.admin.TestMailbox;
import dev.atrium.admin.mail.MailText;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.invitation.InvitationPage.State;
import dev.atrium.admin.invitation.InviteOutcome.Rejected;
import dev.atrium.admin.member.MemberFilter;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.workspace.WorkspaceService;
import jakarta.mail.internet.MimeMessage;

@SpringBootTest
class InvitationServiceTest {

    @Autowired InvitationService invitations;
    @Autowired MemberService members;
    @Autowired WorkspaceService workspaces;
    @Autowired AccountService accountService;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired TestMailbox mailbox;
    @Autowired DSLContext platform;
    @Autowired MutableClock clock;

    @Test
    void invitingReportsEachAddressAndInvitesTheValidOnes() {
        TenantScope owner = teams.newWorkspace("Ines");
        TenantScope member = teams.join(owner, "Mara", "member");
        String pending = unique("pending");
        invitations.invite(owner, pending, memberRole(owner), Locale.ENGLISH);
        String fresh = unique("fresh");
        String other = unique("other");

        InviteOutcome outcome = invitations.invite(owner, fresh + ", not-an-address\n" + other + " ; " + fresh.toUpperCase()
                + " " + accountService.find(member.accountId()).orElseThrow().email() + "  " + pending + ",", memberRole(owner), Locale.ENGLISH);

        assertThat(outcome.invited()).extracting(InviteOutcome.Sent::email).containsExactly(fresh, other);
        assertThat(outcome.invited()).allSatisfy(sent -> {
            assertThat(sent.link()).startsWith(TestApplication.PUBLIC_URL + "/invite/");
            assertThat(sent.mailQueued()).isTrue();
        });
        assertThat(outcome.rejected()).extracting(Rejected::reason).containsExactly(
                Reason.of("invitation.address.invalid"), Reason.of("invitation.address.repeated"),
                Reason.of("invitation.address.member"), Reason.of("invitation.address.pending"));
        assertThat(invitations.count(owner, new InvitationFilter(null, InvitationStatus.PENDING))).isEqualTo(3);
    }

    @Test
    void theEmailTellsWhoInvitedToWhichWorkspaceWithWhichRoleAndCarriesTheLink() throws Exception {
        TenantScope owner = teams.newWorkspace("Ivy");
        String address = unique("mailed");

        String link = invitations.invite(owner, address, teams.roleId(owner, "admin"), Locale.ENGLISH).invited().getFirst().link();

        MimeMessage mail = mailbox.awaitOneTo(address);
        String body = MailText.plainText(mail);
        assertThat(mail.getSubject()).isEqualTo("Atrium: Ivy invited you to the workspace \"" + owner.workspaceName() + "\"");
        assertThat(body).contains("Ivy invited you to join the workspace \"" + owner.workspaceName() + "\" on Atrium as Admin.")
                .contains(link).containsPattern("expires on \\p{L}+ \\d{1,2} \\p{L}+ \\d{4}, \\d{2}:\\d{2} UTC\\.");
    }

    @Test
    void theEmailIsWrittenInTheLanguageThePersonWhoSentItSeesNotTheRequestsLanguage() throws Exception {
        TenantScope owner = teams.newWorkspace("Jonas");
        String address = unique("german");

        // The browser asks for English, but the sender chose German in the account menu: the page passes German on.
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        try {
            invitations.invite(owner, address, memberRole(owner), Locale.GERMAN);
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }

        MimeMessage mail = mailbox.awaitOneTo(address);
        assertThat(mail.getSubject()).isEqualTo("Atrium: Jonas hat Sie in den Arbeitsbereich „" + owner.workspaceName() + "“ eingeladen");
        assertThat(MailText.plainText(mail))
                .contains("Jonas hat Sie eingeladen, dem Arbeitsbereich „" + owner.workspaceName() + "“ auf Atrium als Member beizutreten.")
                .containsPattern("läuft am \\p{L}+, \\d{1,2}\\. \\p{L}+ \\d{4}, \\d{2}:\\d{2} UTC ab\\.");
    }

    @Test
    void aResentEmailIsWrittenInTheLanguageOfWhoeverResendsIt() throws Exception {
        TenantScope owner = teams.newWorkspace("Jonas");
        String address = unique("resent");
        UUID id = invitations.invite(owner, address, memberRole(owner), Locale.GERMAN).invited().getFirst().invitationId();
        assertThat(mailbox.awaitOneTo(address).getSubject()).startsWith("Atrium: Jonas hat Sie");
        clock.advance(Duration.ofHours(1));

        assertThat(invitations.resend(owner, List.of(id), Locale.forLanguageTag("en-GB")).done()).containsExactly(address);

        assertThat(mailbox.awaitTo(address, 2)[1].getSubject())
                .isEqualTo("Atrium: Jonas invited you to the workspace \"" + owner.workspaceName() + "\"");
    }

    @Test
    void onlyTheTokensHashIsStoredAndTheTokenHas256Bits() {
        TenantScope owner = teams.newWorkspace("Ian");
        String token = tokenOf(invitations.invite(owner, unique("hashed"), memberRole(owner), Locale.ENGLISH).invited().getFirst().link());

        assertThat(java.util.Base64.getUrlDecoder().decode(token)).hasSize(32);
        byte[] stored = platform.select(INVITATION_TOKEN.TOKEN_HASH).from(INVITATION_TOKEN)
                .where(INVITATION_TOKEN.WORKSPACE_ID.eq(owner.workspaceId())).fetchSingle().value1();
        assertThat(stored).isEqualTo(InvitationTokens.hash(token)).hasSize(32);
        String schema = TenantProvisioner.schemaNameFor(owner.workspaceId());
        assertThat(platform.fetchCount(DSL.table(DSL.name(schema, "invitation")),
                DSL.condition("CAST(invitation AS text) LIKE {0}", DSL.inline("%" + token + "%")))).isZero();
    }

    @Test
    void acceptingMakesAMemberWithTheInvitedRoleAndTheLinkWorksOnce() {
        TenantScope owner = teams.newWorkspace("Iris");
        Account ann = accounts.newAccount("Ann");
        String token = tokenOf(invitations.invite(owner, ann.email().toUpperCase(), teams.roleId(owner, "admin"), Locale.ENGLISH).invited().getFirst().link());

        InvitationPage page = invitations.open(token, ann.id());
        assertThat(page.state()).isEqualTo(State.VALID);
        assertThat(page.workspaceName()).isEqualTo(owner.workspaceName());
        assertThat(page.roleName()).isEqualTo("Admin");
        assertThat(page.invitedBy()).isEqualTo("Iris");

        assertThat(invitations.accept(token, ann.id())).isEqualTo(owner.slug());

        assertThat(members.find(owner, ann.id()).orElseThrow().roleName()).isEqualTo("Admin");
        assertThat(workspaces.workspacesOf(ann.id())).extracting(w -> w.slug()).containsExactly(owner.slug());
        assertThat(invitations.open(token, ann.id()).state()).isEqualTo(State.ALREADY_USED);
        assertThatThrownBy(() -> invitations.accept(token, ann.id())).isInstanceOf(InvitationException.class);
        assertThat(invitations.page(owner, InvitationFilter.NONE, new PageRequest(0, 10, List.of())))
                .singleElement().extracting(Invitation::status).isEqualTo(InvitationStatus.ACCEPTED);
    }

    @Test
    void anotherAccountCannotAcceptAndLearnsOnlyTheInvitedAddress() {
        TenantScope owner = teams.newWorkspace("Isla");
        Account invitee = accounts.newAccount("Ike");
        Account intruder = accounts.newAccount("Eve");
        String token = tokenOf(invitations.invite(owner, invitee.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst().link());

        InvitationPage page = invitations.open(token, intruder.id());

        assertThat(page.state()).isEqualTo(State.WRONG_ACCOUNT);
        assertThat(page.invitedEmail()).isEqualTo(invitee.email());
        assertThat(page.workspaceName()).isNull();
        assertThatThrownBy(() -> invitations.accept(token, intruder.id())).isInstanceOf(InvitationException.class);
        assertThat(members.count(owner, MemberFilter.NONE)).isOne();
    }

    @Test
    void anUnverifiedEmailCannotAccept() {
        TenantScope owner = teams.newWorkspace("Ilse");
        Account unverified = accountService.signIn(new OidcIdentity("https://issuer.test", UUID.randomUUID().toString(),
                unique("unverified"), false, "Una"));
        String token = tokenOf(invitations.invite(owner, unverified.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst().link());

        assertThat(invitations.open(token, unverified.id()).state()).isEqualTo(State.UNVERIFIED_EMAIL);
        assertThatThrownBy(() -> invitations.accept(token, unverified.id())).isInstanceOf(InvitationException.class);
    }

    @Test
    void resendingIssuesANewLinkKillsTheOldOneAndIsRateLimited() throws Exception {
        TenantScope owner = teams.newWorkspace("Ingo");
        Account rita = accounts.newAccount("Rita");
        InviteOutcome.Sent sent = invitations.invite(owner, rita.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst();
        mailbox.awaitOneTo(rita.email());

        BulkOutcome tooSoon = invitations.resend(owner, List.of(sent.invitationId()), Locale.ENGLISH);
        assertThat(tooSoon.done()).isEmpty();
        assertThat(tooSoon.rejected()).singleElement().extracting(Rejected::reason).extracting(Reason::code).isEqualTo("invitation.resend-too-soon");

        clock.advance(Duration.ofMinutes(2));
        assertThat(invitations.resend(owner, List.of(sent.invitationId()), Locale.ENGLISH).done()).containsExactly(rita.email());

        String oldToken = tokenOf(sent.link());
        assertThat(invitations.open(oldToken, rita.id()).state()).isEqualTo(State.SUPERSEDED);
        assertThatThrownBy(() -> invitations.accept(oldToken, rita.id())).isInstanceOf(InvitationException.class);
        MimeMessage[] mails = mailbox.awaitTo(rita.email(), 2);
        String newLink = MailText.linkIn(mails[1]);
        assertThat(newLink).isNotEqualTo(sent.link());
        assertThat(invitations.accept(tokenOf(newLink), rita.id())).isEqualTo(owner.slug());
    }

    @Test
    void aCancelledInvitationsLinkStopsWorkingAndRevealsNothing() {
        TenantScope owner = teams.newWorkspace("Ilka");
        Account carl = accounts.newAccount("Carl");
        InviteOutcome.Sent sent = invitations.invite(owner, carl.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst();

        assertThat(invitations.cancel(owner, List.of(sent.invitationId())).done()).containsExactly(carl.email());

        InvitationPage page = invitations.open(tokenOf(sent.link()), carl.id());
        assertThat(page.state()).isEqualTo(State.CANCELLED);
        assertThat(Arrays.asList(page.workspaceName(), page.workspaceSlug(), page.roleName(), page.invitedBy())).containsOnlyNulls();
        assertThatThrownBy(() -> invitations.accept(tokenOf(sent.link()), carl.id())).isInstanceOf(InvitationException.class);
        assertThat(workspaces.workspacesOf(carl.id())).isEmpty();
        assertThat(invitations.cancel(owner, List.of(sent.invitationId())).rejected()).singleElement()
                .extracting(Rejected::reason).isEqualTo(Reason.of("invitation.already-cancelled"));
    }

    @Test
    void anExpiredInvitationCannotBeAcceptedAndTheAddressCanBeInvitedAgain() {
        TenantScope owner = teams.newWorkspace("Ivo");
        Account dora = accounts.newAccount("Dora");
        InviteOutcome.Sent sent = invitations.invite(owner, dora.email(), memberRole(owner), Locale.ENGLISH).invited().getFirst();
        clock.advance(Duration.ofDays(invitations.expiryDays(owner)).plusMinutes(1));

        assertThat(invitations.open(tokenOf(sent.link()), dora.id()).state()).isEqualTo(State.EXPIRED);
        assertThatThrownBy(() -> invitations.accept(tokenOf(sent.link()), dora.id())).isInstanceOf(InvitationException.class);
        assertThat(invitations.count(owner, new InvitationFilter(null, InvitationStatus.EXPIRED))).isOne();

        InviteOutcome again = invitations.invite(owner, dora.email(), memberRole(owner), Locale.ENGLISH);
        assertThat(again.invited()).hasSize(1);
        assertThat(invitations.accept(tokenOf(again.invited().getFirst().link()), dora.id())).isEqualTo(owner.slug());
    }

    @Test
    void unknownAndMalformedLinksAreRefused() {
        Account someone = accounts.newAccount("Sol");
        assertThat(invitations.open("nonsense", someone.id()).state()).isEqualTo(State.UNKNOWN);
        assertThat(invitations.open(InvitationTokens.newToken(), someone.id()).state()).isEqualTo(State.UNKNOWN);
        assertThatThrownBy(() -> invitations.accept(InvitationTokens.newToken(), someone.id())).isInstanceOf(InvitationException.class);
    }

    @Test
    void onlyRolesWithThePermissionMayInviteAndNoOneInvitesAboveTheirOwnRole() {
        TenantScope owner = teams.newWorkspace("Ian");
        TenantScope member = teams.join(owner, "Moe", "member");
        TenantScope admin = teams.join(owner, "Abe", "admin");
        UUID pendingId = invitations.invite(owner, unique("someone"), memberRole(owner), Locale.ENGLISH).invited().getFirst().invitationId();

        assertThatThrownBy(() -> invitations.invite(member, unique("x"), memberRole(owner), Locale.ENGLISH)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> invitations.resend(member, List.of(pendingId), Locale.ENGLISH)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> invitations.cancel(member, List.of(pendingId))).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> invitations.invite(admin, unique("y"), teams.roleId(owner, "owner"), Locale.ENGLISH))
                .isInstanceOf(PermissionDeniedException.class).satisfies(Refusals.code("access.owner-only-assigns-owner"));
        assertThat(invitations.invite(admin, unique("z"), memberRole(owner), Locale.ENGLISH).invited()).hasSize(1);
    }

    @Test
    void expiryIsSettableFromOneToThirtyDays() {
        TenantScope owner = teams.newWorkspace("Inga");
        assertThat(invitations.expiryDays(owner)).isEqualTo(7);
        assertThatThrownBy(() -> invitations.setExpiryDays(owner, 0)).isInstanceOf(InvitationException.class);
        assertThatThrownBy(() -> invitations.setExpiryDays(owner, 31)).isInstanceOf(InvitationException.class);

        invitations.setExpiryDays(owner, 2);

        invitations.invite(owner, unique("soon"), memberRole(owner), Locale.ENGLISH);
        Invitation invitation = invitations.page(owner, InvitationFilter.NONE, new PageRequest(0, 1, List.of())).getFirst();
        OffsetDateTime now = OffsetDateTime.now(clock);
        assertThat(invitation.expiresAt()).isBetween(now.plusDays(2).minusMinutes(1), now.plusDays(2));
    }

    private UUID memberRole(TenantScope scope) {
        return teams.roleId(scope, "member");
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }
}
