package dev.atrium.admin.workspace;

import static dev.atrium.admin.TestWorkspaces.tokenOf;
import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestDomains;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.invitation.InvitationPage;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.joinlink.JoinLinkDraft;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.joinrequest.JoinMode;
import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.joinrequest.JoinResult;
import dev.atrium.admin.joinrequest.JoinSuggestion;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.sso.SsoConnectionDraft;
import dev.atrium.admin.sso.SsoConnectionTests;
import dev.atrium.admin.sso.SsoDirectory;
import dev.atrium.admin.sso.SsoIdentity;
import dev.atrium.admin.sso.SsoPreset;
import dev.atrium.admin.sso.SsoService;
import dev.atrium.admin.sso.SsoSignInService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * A deleted workspace (within its grace period) is refused at every way in, with the typed {@code workspace.not-found}
 * and nothing stored: its join link, join requests (suggested, asked, approved from a page opened before the
 * deletion), invitation links, and single sign-on (discovery and the sign-in itself). Restored, each works again.
 */
@SpringBootTest
class DeletedWorkspaceEntryPointsTest {

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @Autowired WorkspaceDeletionService deletions;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts accounts;
    @Autowired TenantBinder binder;
    @Autowired JoinLinkService joinLinks;
    @Autowired InvitationService invitations;
    @Autowired JoinRequestService joinRequests;
    @Autowired MemberService members;
    @Autowired TestDomains domains;
    @Autowired SsoService sso;
    @Autowired SsoConnectionTests ssoTests;
    @Autowired SsoDirectory directory;
    @Autowired SsoSignInService ssoSignIn;
    @Autowired DSLContext platform;

    @Test
    void everyWayIntoADeletedWorkspaceIsRefusedAndWorksAgainAfterItsRestore() {
        TenantScope owner = teams.newWorkspace("Gone Owner");
        UUID memberRole = teams.roleId(owner, "member");
        String domain = domains.verify(owner, TestDomains.unique("gone"));
        String issuer = IDP.issuerUrl("idp-" + unique()).toString();
        sso.save(owner, new SsoConnectionDraft(SsoPreset.OKTA, issuer, "atrium", "secret", "", teams.roleId(owner, "guest")));
        ssoTests.succeeded(ssoTests.start(owner), owner.accountId(), Map.of("sub", "connection-test"));
        sso.enable(owner);
        joinRequests.saveSetting(owner, JoinMode.REQUEST, null);

        String joinToken = tokenOf(joinLinks.create(owner, new JoinLinkDraft(memberRole, 7, null, "")).url());
        Account joiner = accounts.newAccount("Gone Joiner");
        Account invitee = accounts.newAccount("Gone Invitee");
        String inviteToken = tokenOf(invitations.invite(owner, invitee.email(), memberRole, Locale.ENGLISH).invited().getFirst().link());
        Account requester = domains.colleague("Rena", domain);
        assertThat(joinRequests.requestToJoin(requester.id(), owner.workspaceId())).isEqualTo(JoinResult.REQUESTED);
        UUID requestId = joinRequests.pending(owner).getFirst().id();
        Account lateRequester = domains.colleague("Lars", domain);
        String ssoAddress = "sam-" + unique() + "@" + domain;

        deletions.delete(owner, owner.workspaceName());

        refused(() -> binder.bind(owner.accountId(), owner.slug()));
        refused(() -> joinLinks.open(joinToken, joiner.id()));
        refused(() -> joinLinks.join(joinToken, joiner.id()));
        refused(() -> invitations.open(inviteToken, invitee.id()));
        refused(() -> invitations.accept(inviteToken, invitee.id()));
        assertThat(joinRequests.suggestions(lateRequester.id())).noneMatch(s -> s.workspaceId().equals(owner.workspaceId()));
        refused(() -> joinRequests.requestToJoin(lateRequester.id(), owner.workspaceId()));
        // The Owner's scope was bound before the deletion, as a page opened then holds it.
        refused(() -> joinRequests.approve(owner, requestId, memberRole));
        assertThat(directory.forSlug(owner.slug())).as("no sign-in route to it").isEmpty();
        assertThat(directory.forEmail(ssoAddress)).isEmpty();
        refused(() -> ssoSignIn.signIn(owner.workspaceId(), identity(issuer, ssoAddress)));

        deletions.restore(owner.accountId(), owner.workspaceId());
        TenantScope back = binder.bind(owner.accountId(), owner.slug());

        assertThat(members.find(back, joiner.id())).as("the refused join stored nothing").isEmpty();
        assertThat(platform.fetchExists(ACCOUNT, ACCOUNT.EMAIL.equalIgnoreCase(ssoAddress))).as("the refused sign-in made no account").isFalse();
        assertThat(joinRequests.pending(back)).extracting(r -> r.id()).containsExactly(requestId);
        assertThat(joinLinks.join(joinToken, joiner.id())).isEqualTo(owner.slug());
        assertThat(invitations.open(inviteToken, invitee.id()).state()).isEqualTo(InvitationPage.State.VALID);
        assertThat(invitations.accept(inviteToken, invitee.id())).isEqualTo(owner.slug());
        assertThat(joinRequests.suggestions(lateRequester.id())).extracting(JoinSuggestion::workspaceId).contains(owner.workspaceId());
        assertThat(joinRequests.requestToJoin(lateRequester.id(), owner.workspaceId())).isEqualTo(JoinResult.REQUESTED);
        joinRequests.approve(back, requestId, memberRole);
        assertThat(directory.forSlug(owner.slug())).isPresent();
        assertThat(ssoSignIn.signIn(owner.workspaceId(), identity(issuer, ssoAddress)).joined()).isTrue();
        assertThat(members.find(back, joiner.id())).isPresent();
        assertThat(members.find(back, invitee.id())).isPresent();
        assertThat(members.find(back, requester.id())).isPresent();
    }

    private static void refused(ThrowingCallable entry) {
        assertThatThrownBy(entry).isInstanceOfSatisfying(AtriumRefusal.class, e -> assertThat(e.code()).isEqualTo("workspace.not-found"));
    }

    private static SsoIdentity identity(String issuer, String email) {
        return new SsoIdentity(issuer, "subject-" + email, email, true, "Sam", null, List.of(), List.of());
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
