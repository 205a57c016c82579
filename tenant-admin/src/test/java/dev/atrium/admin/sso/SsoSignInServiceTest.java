package dev.atrium.admin.sso;

import static dev.atrium.db.jooq.platform.Tables.ACCOUNT;
import static dev.atrium.db.jooq.platform.Tables.ACCOUNT_IDENTITY;
import static dev.atrium.db.jooq.tenant.Tables.ROLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.IDN;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.invitation.InvitationFilter;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.member.Member;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.sso.TestConnections.SsoWorkspace;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;

/**
 * Signing in through a workspace's connection on real PostgreSQL: each of the connection's checks refuses with its
 * code and stores nothing, the account linking rules (README, Signing in through a connection), and the just-in-time
 * membership with the consumption of a pending invitation.
 */
@SpringBootTest
class SsoSignInServiceTest {

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();
    private static final String APP_WIDE_ISSUER = "https://app-wide.test";

    @Autowired SsoSignInService signIn;
    @Autowired SsoService sso;
    @Autowired SsoPolicyService policies;
    @Autowired TestConnections connections;
    @Autowired TestWorkspaces teams;
    @Autowired AccountService accounts;
    @Autowired MemberService members;
    @Autowired RoleService roles;
    @Autowired InvitationService invitations;
    @Autowired DomainService domains;
    @Autowired TenantBinder binder;
    @Autowired MutableClock clock;
    @Autowired DSLContext platform;
    @Autowired TenantDsl tenantDsl;

    @Test
    void aFirstSignInMakesANewAccountAndAMemberWithTheDefaultRoleJoinedByTheSystemViaTheConnection() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Acme", SsoPreset.OKTA, "guest");
        String email = acme.newAddress("Nina.New");
        clock.advance(Duration.ofHours(1));
        Instant before = clock.instant();

        SsoSignIn result = signIn.signIn(acme.owner().workspaceId(), acme.identity("nina", email, "Nina New"));

        assertThat(result.joined()).isTrue();
        assertThat(result.workspaceSlug()).isEqualTo(acme.owner().slug());
        assertThat(result.account().email()).isEqualTo(email);
        assertThat(result.account().displayName()).isEqualTo("Nina New");
        assertThat(result.account().emailVerified()).as("the connection speaks for its verified domains").isTrue();
        assertThat(result.session().workspaceId()).isEqualTo(acme.owner().workspaceId());
        assertThat(result.session().connectionId()).isEqualTo(acme.connection().id());
        assertThat(result.session().multiFactor()).as("until the integrator wires the MFA policy").isFalse();
        assertThat(result.session().authenticatedAt()).as("the injected clock's now").isBetween(before, clock.instant());
        Member member = members.find(acme.owner(), result.account().id()).orElseThrow();
        assertThat(member.roleName()).isEqualTo("Guest");
        assertThat(binder.bind(result.account().id(), acme.owner().slug()).workspaceId())
                .as("in the platform's membership index too").isEqualTo(acme.owner().workspaceId());
        assertThat(identities(result.account().id())).containsExactly(acme.issuer() + " nina");

        AuditEvent joined = connections.events(acme.owner(), AuditActions.MEMBER_JOINED, result.account().id()).getFirst();
        assertThat(joined.actorKind()).isEqualTo(Actor.Kind.SYSTEM);
        assertThat(joined.actorId()).isNull();
        assertThat(joined.target().label()).isEqualTo(email);
        assertThat(joined.after()).contains("\"via\"", "\"sso\"", acme.connection().id().toString(), acme.issuer(), "Guest");
        assertThat(connections.events(acme.owner(), AuditActions.SSO_IDENTITY_LINKED, result.account().id()))
                .as("a new account is not a link").isEmpty();
    }

    @Test
    void theSameIdentitySignsInAsTheSameAccountAndAnExistingMemberStaysAsHeIs() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Kai", SsoPreset.CUSTOM, "member");
        String email = acme.newAddress("kim");
        Account first = signIn.signIn(acme.owner().workspaceId(), acme.identity("kim", email, "Kim")).account();
        members.changeRole(acme.owner(), first.id(), teams.roleId(acme.owner(), "admin"));
        String renamed = acme.newAddress("kim.kowalski");

        SsoSignIn again = signIn.signIn(acme.owner().workspaceId(), acme.identity("kim", renamed, "Kim Kowalski"));

        assertThat(again.account().id()).isEqualTo(first.id());
        assertThat(again.joined()).isFalse();
        assertThat(again.account().email()).as("refreshed within the verified domain").isEqualTo(renamed);
        assertThat(again.account().displayName()).isEqualTo("Kim Kowalski");
        assertThat(members.find(acme.owner(), first.id()).orElseThrow().roleName()).as("a member's role is left alone").isEqualTo("Admin");
        assertThat(connections.events(acme.owner(), AuditActions.MEMBER_JOINED, first.id())).hasSize(1);
        assertThat(identities(first.id())).hasSize(1);
    }

    @Test
    void anIdentityFromAnotherIssuerIsRefusedAndNothingIsStored() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Ira", SsoPreset.CUSTOM, "member");
        SsoWorkspace other = connections.newWorkspace(IDP, "Otto", SsoPreset.CUSTOM, "member");
        String email = acme.newAddress("ivan");

        for (String issuer : List.of(other.issuer(), APP_WIDE_ISSUER, acme.issuer() + "/", acme.issuer().toUpperCase(Locale.ROOT))) {
            assertThatThrownBy(() -> signIn.signIn(acme.owner().workspaceId(),
                    new SsoIdentity(issuer, "ivan", email, true, "Ivan", null, List.of(), List.of())))
                    .as(issuer).satisfies(Refusals.code("sso.wrong-identity-provider"));
        }
        assertThat(accountsWithAddress(email)).isZero();
        assertThatThrownBy(() -> signIn.signIn(acme.owner().workspaceId(), other.identity("ivan-2", acme.newAddress("iva"), "Iva")))
                .satisfies(Refusals.english("This sign-in came from an identity provider that is not this workspace's. "
                        + "Sign in through the workspace's own single sign-on."));
    }

    @Test
    void aDisabledMissingOrDeletedConnectionIsRefused() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Dana", SsoPreset.CUSTOM, "member");
        String email = acme.newAddress("dora");
        sso.disable(acme.owner());

        assertThatThrownBy(() -> signIn.signIn(acme.owner().workspaceId(), acme.identity("dora", email, "Dora")))
                .satisfies(Refusals.code("sso.connection-disabled"));
        assertThat(accountsWithAddress(email)).isZero();

        sso.delete(acme.owner());
        assertThatThrownBy(() -> signIn.signIn(acme.owner().workspaceId(), acme.identity("dora", email, "Dora")))
                .satisfies(Refusals.code("sso.connection-disabled"));
        TenantScope plain = teams.newWorkspace("Nobody");
        assertThatThrownBy(() -> signIn.signIn(plain.workspaceId(), acme.identity("dora", email, "Dora")))
                .satisfies(Refusals.code("sso.connection-disabled"));
        assertThatThrownBy(() -> signIn.signIn(UUID.randomUUID(), acme.identity("dora", email, "Dora")))
                .isInstanceOf(TenantNotFoundException.class);
        assertThat(accountsWithAddress(email)).isZero();
    }

    @Test
    void anAddressOutsideTheWorkspacesVerifiedDomainsIsRefusedEvenWhenAnotherWorkspaceVerifiedItsDomain() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Vera", SsoPreset.CUSTOM, "member");
        SsoWorkspace rival = connections.newWorkspace(IDP, "Rita", SsoPreset.CUSTOM, "member");
        String pending = "pending-" + TestConnections.unique() + ".example";
        assertThat(domains.add(acme.owner(), pending).verified()).as("claimed, not verified").isFalse();
        // An account in the rival's domain exists: acme's IdP must not reach it.
        String rivals = rival.newAddress("rob");
        Account rob = appWideSignIn("rob-" + TestConnections.unique(), rivals, true);

        for (String email : List.of(rivals, "vic@" + pending, "vic@gmail.com", "vic@sub." + acme.domain(), "no-at-sign", "vic@")) {
            assertThatThrownBy(() -> signIn.signIn(acme.owner().workspaceId(), acme.identity("vic-" + email, email, "Vic")))
                    .as(email).satisfies(Refusals.code("sso.email-domain-not-verified"));
        }
        assertThatThrownBy(() -> signIn.signIn(acme.owner().workspaceId(), acme.identity("rob-takeover", rivals, "Rob")))
                .satisfies(Refusals.reason("sso.email-domain-not-verified", rival.domain()));
        assertThatThrownBy(() -> signIn.signIn(acme.owner().workspaceId(), acme.identity("vic", "  ", "Vic")))
                .satisfies(Refusals.code("sso.email-missing"));
        assertThat(identities(rob.id())).as("no identity of acme's IdP was linked to rob").hasSize(1)
                .allMatch(identity -> identity.startsWith(APP_WIDE_ISSUER + " "));
        assertThat(accountsWithAddress("vic@gmail.com")).isZero();

        // The domain compares as stored: case and international names do not matter.
        String international = "bücher-" + TestConnections.unique() + ".example";
        String ascii = IDN.toASCII(international);
        connections.verify(acme.owner(), international);
        SsoSignIn umlaut = signIn.signIn(acme.owner().workspaceId(), acme.identity("uwe", "Uwe@" + international.toUpperCase(Locale.ROOT), "Uwe"));
        assertThat(umlaut.joined()).isTrue();
        assertThat(signIn.signIn(acme.owner().workspaceId(), acme.identity("ula", "ula@" + ascii.toUpperCase(Locale.ROOT) + ".", "Ula"))
                .joined()).isTrue();
    }

    @Test
    void googleWorkspaceSignInsNeedAHostedDomainThatTheWorkspaceVerified() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Gina", SsoPreset.GOOGLE_WORKSPACE, "member");
        SsoWorkspace rival = connections.newWorkspace(IDP, "Gus", SsoPreset.CUSTOM, "member");
        String email = acme.newAddress("gail");

        for (String hd : new String[] {null, "", rival.domain(), "gmail.com", "sub." + acme.domain()}) {
            assertThatThrownBy(() -> signIn.signIn(acme.owner().workspaceId(), acme.identity("gail", email, "Gail", hd)))
                    .as(String.valueOf(hd)).satisfies(Refusals.code("sso.hosted-domain-mismatch"));
        }
        assertThat(accountsWithAddress(email)).isZero();
        SsoSignIn result = signIn.signIn(acme.owner().workspaceId(), acme.identity("gail", email, "Gail", acme.domain().toUpperCase(Locale.ROOT)));
        assertThat(result.joined()).isTrue();
        // hd is Google's primary domain of the customer: another of the workspace's verified domains is accepted too.
        String second = connections.verifiedDomain(acme.owner(), "second");
        assertThat(signIn.signIn(acme.owner().workspaceId(), acme.identity("gwen", "gwen@" + acme.domain(), "Gwen", second)).joined())
                .isTrue();
        // Other presets do not look at hd.
        assertThat(signIn.signIn(rival.owner().workspaceId(), rival.identity("gus", rival.newAddress("gus"), "Gus", null)).joined()).isTrue();
    }

    @Test
    void anAddressOrHostedDomainWithAControlCharacterIsRefusedAsUnreadableAndNothingIsStored() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Nell", SsoPreset.GOOGLE_WORKSPACE, "member");
        String email = acme.newAddress("nell");

        // As app-wide sign-in says it: the identity provider sent something unreadable, not an address of another domain.
        for (SsoIdentity identity : List.of(acme.identity("nell", email.replace("@", "@\u0000"), "Nell", acme.domain()),
                acme.identity("nell", email.replace("@", "\u0007@"), "Nell", acme.domain()),
                acme.identity("nell", email, "Nell", acme.domain() + "\u0000"))) {
            assertThatThrownBy(() -> signIn.signIn(acme.owner().workspaceId(), identity))
                    .as(identity.email() + " hd " + identity.hostedDomain()).satisfies(Refusals.code("account.identity-unreadable"));
        }
        assertThat(accountsWithAddress(email)).isZero();
    }

    @Test
    void groupsWithControlCharactersAreLeftOutAndTheMappedOnesStillApply() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Greta", SsoPreset.CUSTOM, "guest");
        policies.addMapping(acme.owner(), "engineers", teams.roleId(acme.owner(), "member"));
        String email = acme.newAddress("greta");

        // No mapping can name them (a group is visible text), so they only cost the person their sign-in otherwise.
        SsoSignIn result = signIn.signIn(acme.owner().workspaceId(), new SsoIdentity(acme.issuer(), "greta", email, true, "Greta", null,
                List.of("engi\u0000neers", "engineers", "\u0000", "ops\u001B"), List.of()));

        assertThat(result.joined()).isTrue();
        assertThat(members.find(acme.owner(), result.account().id()).orElseThrow().roleName()).isEqualTo("Member");
    }

    @Test
    void anUnknownIdentityIsLinkedToTheAccountWithTheSameVerifiedAddressAndTheLinkIsAudited() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Lena", SsoPreset.CUSTOM, "member");
        String email = acme.newAddress("alice");
        String appWideSubject = "alice-" + TestConnections.unique();
        Account alice = appWideSignIn(appWideSubject, email, true);

        SsoSignIn linked = signIn.signIn(acme.owner().workspaceId(), acme.identity("alice", email.toUpperCase(Locale.ROOT), "Alice A."));

        assertThat(linked.account().id()).isEqualTo(alice.id());
        assertThat(linked.joined()).isTrue();
        assertThat(identities(alice.id())).containsExactlyInAnyOrder(APP_WIDE_ISSUER + " " + appWideSubject, acme.issuer() + " alice");
        AuditEvent event = connections.events(acme.owner(), AuditActions.SSO_IDENTITY_LINKED, alice.id()).getFirst();
        assertThat(event.actorKind()).isEqualTo(Actor.Kind.SYSTEM);
        assertThat(event.after()).contains(acme.connection().id().toString(), acme.issuer(), "alice");
        assertThat(appWideSignIn(appWideSubject, email, true).id()).as("the app-wide identity still reaches it").isEqualTo(alice.id());
        assertThat(signIn.signIn(acme.owner().workspaceId(), acme.identity("alice", email, "Alice")).account().id()).isEqualTo(alice.id());
        assertThat(connections.events(acme.owner(), AuditActions.SSO_IDENTITY_LINKED, alice.id())).as("linked once").hasSize(1);
    }

    @Test
    void noLinkToAnAccountWhoseAddressIsUnverifiedAndTheAppWideProviderNeverLinksByAddress() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Una", SsoPreset.CUSTOM, "member");
        String email = acme.newAddress("mallory");
        // Anyone could have registered the address at a provider that does not verify it: no link.
        Account squatter = appWideSignIn("squatter-" + TestConnections.unique(), email, false);

        SsoSignIn result = signIn.signIn(acme.owner().workspaceId(), acme.identity("mallory", email, "Mallory"));

        assertThat(result.account().id()).isNotEqualTo(squatter.id());
        assertThat(identities(squatter.id())).hasSize(1);
        assertThat(binder.scopesOf(squatter.id())).isEmpty();
        assertThat(connections.events(acme.owner(), AuditActions.SSO_IDENTITY_LINKED, squatter.id())).isEmpty();

        // The other way round: a new app-wide identity with the SSO account's (verified) address gets an account of its own.
        Account appWide = appWideSignIn("late-" + TestConnections.unique(), email, true);
        assertThat(appWide.id()).isNotEqualTo(result.account().id()).isNotEqualTo(squatter.id());
        assertThat(binder.scopesOf(appWide.id())).isEmpty();
    }

    @Test
    void anAddressTheIdentityProviderDidNotVerifyLinksNoAccountAndConsumesNoInvitation() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Nils", SsoPreset.ENTRA_ID, "guest");
        String email = acme.newAddress("ceo");
        Account ceo = appWideSignIn("ceo-" + TestConnections.unique(), email, true);
        InviteOutcome.Sent sent = invite(acme.owner(), email, "admin");
        // Someone in the organisation's directory typed the CEO's address into their own profile (nOAuth).
        SsoIdentity typed = new SsoIdentity(acme.issuer(), "intern", email, false, "Intern", null, List.of(), List.of());

        SsoSignIn intern = signIn.signIn(acme.owner().workspaceId(), typed);

        assertThat(intern.account().id()).isNotEqualTo(ceo.id());
        assertThat(intern.account().emailVerified()).isFalse();
        assertThat(identities(ceo.id())).hasSize(1);
        assertThat(intern.joined()).as("a person of the verified domain joins, with the default role").isTrue();
        assertThat(members.find(acme.owner(), intern.account().id()).orElseThrow().roleName()).isEqualTo("Guest");
        assertThat(invitationStatus(acme.owner(), sent.invitationId())).as("left for the CEO").isEqualTo("PENDING");
        assertThat(invitations.accept(TestWorkspaces.tokenOf(sent.link()), ceo.id())).isEqualTo(acme.owner().slug());
        assertThat(members.find(acme.owner(), ceo.id()).orElseThrow().roleName()).isEqualTo("Admin");
    }

    /**
     * A provider that does not verify addresses cannot move an account off its verified one: anyone could type the new
     * address there, and "Require SSO" goes by the account's address, so a member of a workspace that requires its
     * connection could otherwise leave its verified domains, and its policy, by typing another address.
     */
    @Test
    void anUnverifiedAddressNeverReplacesAVerifiedOne() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Ada", SsoPreset.CUSTOM, "member");
        String email = acme.newAddress("abe");
        String subject = "abe-" + TestConnections.unique();
        Account abe = appWideSignIn(subject, email, true);
        String typed = "abe-" + TestConnections.unique() + "@private.example";

        Account after = appWideSignIn(subject, typed, false);

        assertThat(after.id()).isEqualTo(abe.id());
        assertThat(after.email()).isEqualTo(email);
        assertThat(after.emailVerified()).isTrue();
        assertThat(appWideSignIn(subject, typed, true).email()).as("once the provider verified it, it moves").isEqualTo(typed);
    }

    @Test
    void aKnownIdentityNeverMovesItsAccountAwayFromAnAddressOutsideTheWorkspacesDomains() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Mo", SsoPreset.CUSTOM, "member");
        String email = acme.newAddress("max");
        String appWideSubject = "max-" + TestConnections.unique();
        Account max = appWideSignIn(appWideSubject, email, true);
        signIn.signIn(acme.owner().workspaceId(), acme.identity("max", email, "Max"));
        // The person's app-wide provider now says another address, outside acme's domains.
        String personal = "max-" + TestConnections.unique() + "@private.example";
        assertThat(appWideSignIn(appWideSubject, personal, true).email()).isEqualTo(personal);

        SsoSignIn again = signIn.signIn(acme.owner().workspaceId(), acme.identity("max", email, "Max Acme"));

        assertThat(again.account().id()).isEqualTo(max.id());
        assertThat(again.account().email()).as("acme's IdP does not speak for the private address").isEqualTo(personal);
        assertThat(again.account().displayName()).as("nor for its name").isEqualTo(appWideSubject);
        assertThat(identities(max.id())).hasSize(2);
        assertThat(again.joined()).isFalse();
    }

    @Test
    void aPendingInvitationIsConsumedByTheJoinAndTheInvitedRoleWinsUnlessTheDefaultIsStronger() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Ines", SsoPreset.CUSTOM, "member");
        TenantScope owner = acme.owner();

        // Invited as Admin, stronger than the default Member: Admin.
        String adminAddress = acme.newAddress("ada");
        InviteOutcome.Sent adminInvite = invite(owner, adminAddress, "admin");
        SsoSignIn ada = signIn.signIn(owner.workspaceId(), acme.identity("ada", adminAddress.toUpperCase(Locale.ROOT), "Ada"));
        assertThat(ada.joined()).isTrue();
        assertThat(members.find(owner, ada.account().id()).orElseThrow().roleName()).isEqualTo("Admin");
        assertThat(invitationStatus(owner, adminInvite.invitationId())).isEqualTo("ACCEPTED");
        AuditEvent accepted = connections.events(owner, AuditActions.INVITATION_ACCEPTED, adminInvite.invitationId()).getFirst();
        assertThat(accepted.actorKind()).isEqualTo(Actor.Kind.SYSTEM);
        assertThat(accepted.after()).contains("\"sso\"", acme.connection().id().toString(), ada.account().id().toString());
        assertThat(connections.events(owner, AuditActions.MEMBER_JOINED, ada.account().id()).getFirst().after())
                .contains("Admin", adminInvite.invitationId().toString());
        assertThatThrownBy(() -> invitations.accept(TestWorkspaces.tokenOf(adminInvite.link()), ada.account().id()))
                .as("the link is used up").satisfies(Refusals.reason("invitation.not-acceptable", "ALREADY_USED"));

        // Invited as Guest, weaker than the default Member: Member, and the invitation is consumed all the same.
        String guestAddress = acme.newAddress("gil");
        InviteOutcome.Sent guestInvite = invite(owner, guestAddress, "guest");
        SsoSignIn gil = signIn.signIn(owner.workspaceId(), acme.identity("gil", guestAddress, "Gil"));
        assertThat(members.find(owner, gil.account().id()).orElseThrow().roleName()).isEqualTo("Member");
        assertThat(invitationStatus(owner, guestInvite.invitationId())).isEqualTo("ACCEPTED");

        // Neither role holds the other's permissions: the invited one, chosen for this person by an admin.
        RoleSummary auditors = roles.create(owner, new RoleDraft("Auditors", "", Set.of(Permissions.AUDIT_VIEW)));
        RoleSummary inviters = roles.create(owner, new RoleDraft("Inviters", "", Set.of(Permissions.MEMBERS_INVITE)));
        sso.save(owner, new SsoConnectionDraft(SsoPreset.CUSTOM, acme.issuer(), "atrium", "", "", inviters.id()));
        String auditorAddress = acme.newAddress("aud");
        invite(owner, auditorAddress, auditors.id());
        SsoSignIn aud = signIn.signIn(owner.workspaceId(), acme.identity("aud", auditorAddress, "Aud"));
        assertThat(members.find(owner, aud.account().id()).orElseThrow().roleName()).isEqualTo("Auditors");
        assertThat(connections.events(owner, AuditActions.MEMBER_JOINED, aud.account().id())).hasSize(1);
    }

    @Test
    void theInvitedRoleCountsOnlyWhileItsInviterMayStillGrantIt() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Hana", SsoPreset.CUSTOM, "guest");
        TenantScope owner = acme.owner();
        TenantScope admin = teams.join(owner, "Adam", "admin");
        String address = acme.newAddress("pat");
        InviteOutcome.Sent sent = invite(admin, address, "admin");
        members.changeRole(owner, admin.accountId(), teams.roleId(owner, "member"));

        SsoSignIn pat = signIn.signIn(owner.workspaceId(), acme.identity("pat", address, "Pat"));

        assertThat(members.find(owner, pat.account().id()).orElseThrow().roleName()).as("the default role").isEqualTo("Guest");
        assertThat(invitationStatus(owner, sent.invitationId())).isEqualTo("ACCEPTED");
    }

    @Test
    void anExpiredInvitationIsNotConsumedAndADefaultRoleThatIsGoneKeepsOutOnlyNewPeople() {
        SsoWorkspace acme = connections.newWorkspace(IDP, "Elsa", SsoPreset.CUSTOM, "member");
        TenantScope owner = acme.owner();
        String late = acme.newAddress("late");
        InviteOutcome.Sent expired = invite(owner, late, "admin");
        clock.advance(Duration.ofDays(invitations.expiryDays(owner) + 1));

        SsoSignIn lateJoin = signIn.signIn(owner.workspaceId(), acme.identity("late", late, "Late"));
        assertThat(members.find(owner, lateJoin.account().id()).orElseThrow().roleName()).isEqualTo("Member");
        assertThat(invitationStatus(owner, expired.invitationId())).isEqualTo("EXPIRED");

        RoleSummary temporary = roles.create(owner, new RoleDraft("Temporary", "", Set.of(Permissions.MEMBERS_VIEW)));
        sso.save(owner, new SsoConnectionDraft(SsoPreset.CUSTOM, acme.issuer(), "atrium", "", "", temporary.id()));
        assertThatThrownBy(() -> roles.delete(owner, temporary.id(), null)).satisfies(Refusals.code("role.sso-default-role"));
        // As a deletion from before that refusal left it.
        tenantDsl.of(owner).deleteFrom(ROLE).where(ROLE.ID.eq(temporary.id())).execute();
        assertThatThrownBy(() -> signIn.signIn(owner.workspaceId(), acme.identity("newbie", acme.newAddress("newbie"), "Newbie")))
                .satisfies(Refusals.code("sso.no-default-role"));
        assertThat(signIn.signIn(owner.workspaceId(), acme.identity("late", late, "Late")).joined()).as("a member still signs in").isFalse();
    }

    @Test
    void rolesCompareOwnerFirstThenByStrictlyMorePermissions() {
        RoleSummary owner = role("owner", "a", "b", "c");
        RoleSummary all = role("all", "a", "b", "c");
        RoleSummary ab = role("ab", "a", "b");
        RoleSummary bc = role("bc", "b", "c");
        RoleSummary abCopy = role("ab2", "a", "b");

        assertThat(owner.isStrongerThan(all)).isTrue();
        assertThat(all.isStrongerThan(owner)).as("Owner is above every other role, whatever it holds").isFalse();
        assertThat(owner.isStrongerThan(role("owner", "a"))).isFalse();
        assertThat(all.isStrongerThan(ab)).isTrue();
        assertThat(ab.isStrongerThan(all)).isFalse();
        assertThat(ab.isStrongerThan(bc)).isFalse();
        assertThat(bc.isStrongerThan(ab)).isFalse();
        assertThat(ab.isStrongerThan(abCopy)).as("the same permissions are not stronger").isFalse();
    }

    private static RoleSummary role(String key, String... permissions) {
        return new RoleSummary(UUID.randomUUID(), key, key, "", false, Set.of(permissions));
    }

    private Account appWideSignIn(String subject, String email, boolean verified) {
        return accounts.signIn(new OidcIdentity(APP_WIDE_ISSUER, subject, email, verified, subject));
    }

    private InviteOutcome.Sent invite(TenantScope inviter, String email, String roleKey) {
        return invite(inviter, email, teams.roleId(inviter, roleKey));
    }

    private InviteOutcome.Sent invite(TenantScope inviter, String email, UUID roleId) {
        return invitations.invite(inviter, email, roleId, Locale.ENGLISH).invited().getFirst();
    }

    private String invitationStatus(TenantScope owner, UUID invitationId) {
        return invitations.page(owner, new InvitationFilter(null, null), new PageRequest(0, 200, List.of())).stream()
                .filter(invitation -> invitation.id().equals(invitationId)).findFirst().orElseThrow().status().name();
    }

    private List<String> identities(UUID accountId) {
        return platform.select(DSL.concat(ACCOUNT_IDENTITY.ISSUER, DSL.inline(" "), ACCOUNT_IDENTITY.SUBJECT)).from(ACCOUNT_IDENTITY)
                .where(ACCOUNT_IDENTITY.ACCOUNT_ID.eq(accountId)).fetch(0, String.class);
    }

    private int accountsWithAddress(String email) {
        return platform.fetchCount(ACCOUNT, DSL.lower(ACCOUNT.EMAIL).eq(email.toLowerCase(Locale.ROOT)));
    }
}
