package dev.atrium.admin.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Races;
import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestIdentityProvider;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.dns.TestDns;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.invitation.InvitationException;
import dev.atrium.admin.invitation.InvitationPage;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.sso.GroupRoleOutcome.Result;
import dev.atrium.admin.sso.SsoWorkspaces.Setup;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * "Require SSO", "Require multi-factor", break-glass Owners, group-to-role mappings and invitations steered through
 * SSO, on real PostgreSQL, with domains verified at the in-process DNS server and connections to a real (in-process)
 * OpenID provider.
 */
@SpringBootTest
class SsoPolicyServiceTest {

    @RegisterExtension
    static final TestIdentityProvider IDP = new TestIdentityProvider();

    @Autowired SsoPolicyService policies;
    @Autowired SsoService sso;
    @Autowired SsoWorkspaces ssoWorkspaces;
    @Autowired TestWorkspaces teams;
    @Autowired AccountService accounts;
    @Autowired DomainService domains;
    @Autowired TestDns dns;
    @Autowired TenantBinder binder;
    @Autowired RoleService roles;
    @Autowired MemberService members;
    @Autowired InvitationService invitations;
    @Autowired AuditLogService audit;
    @Autowired SsoSignInService signIns;

    @Test
    void requireSsoNeedsAnEnabledConnectionAndAVerifiedDomainAndEveryChangeIsAuditedWithBeforeAndAfter() {
        TenantScope owner = teams.newWorkspace("Rita");
        TenantScope member = teams.join(owner, "Mo", "member");
        SsoPolicyDraft requireSso = new SsoPolicyDraft(true, false, MfaPreset.CUSTOM, "mfa", "");

        assertThatThrownBy(() -> policies.save(member, requireSso)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> policies.save(owner, requireSso)).satisfies(Refusals.code("sso.policy-needs-enabled-connection"));
        assertThatThrownBy(() -> policies.save(owner, new SsoPolicyDraft(false, true, MfaPreset.CUSTOM, "mfa", "")))
                .satisfies(Refusals.code("sso.policy-needs-enabled-connection"));
        sso.save(owner, new SsoConnectionDraft(SsoPreset.CUSTOM, issuer("rita"), "client", "secret", "", teams.roleId(owner, "member")));
        ssoWorkspaces.testAndEnable(owner);
        assertThatThrownBy(() -> policies.save(owner, requireSso)).satisfies(Refusals.code("sso.policy-needs-verified-domain"));
        assertThatThrownBy(() -> policies.save(owner, new SsoPolicyDraft(false, true, MfaPreset.CUSTOM, " ", "")))
                .satisfies(Refusals.code("sso.policy-mfa-values-missing"));
        assertThatThrownBy(() -> policies.save(owner, new SsoPolicyDraft(false, false, MfaPreset.CUSTOM, "mfa", "group claim")))
                .satisfies(Refusals.code("sso.policy-group-claim-invalid"));
        assertThat(policies.policy(owner).requireSso()).isFalse();
        assertThat(policies.policy(owner).groupClaim()).isEqualTo("groups");

        SsoPolicy saved = policies.save(owner, new SsoPolicyDraft(false, true, MfaPreset.ENTRA_ID,
                "mfa, http://schemas.microsoft.com/claims/multipleauthn\nmfa", "roles"));
        assertThat(saved.requireMfa()).isTrue();
        assertThat(saved.mfaValues()).containsExactly("mfa", "http://schemas.microsoft.com/claims/multipleauthn");
        assertThat(saved.groupClaim()).isEqualTo("roles");
        assertThat(policies.groupClaim(owner.workspaceId())).as("what the sign-in flows read").isEqualTo("roles");
        AuditEvent changed = lastEvent(owner, AuditActions.SSO_POLICY_CHANGED);
        assertThat(changed.actorId()).isEqualTo(owner.accountId());
        assertThat(changed.before()).contains("\"requireMfa\": false", "\"groupClaim\": \"groups\"");
        assertThat(changed.after()).contains("\"requireMfa\": true", "multipleauthn", "\"groupClaim\": \"roles\"");

        // Switched on, a policy stays on when its connection is disabled: it pauses instead (see the entry tests).
        sso.disable(owner);
        assertThat(policies.save(owner, new SsoPolicyDraft(false, true, MfaPreset.ENTRA_ID, "mfa", "roles")).requireMfa()).isTrue();
    }

    @Test
    void withSsoRequiredAMemberOfAVerifiedDomainOpensTheWorkspaceOnlyThroughItsConnectionAndEnforcementPausesByItself() {
        Setup acme = ssoWorkspaces.create("Acme", issuer("acme"));
        Setup other = ssoWorkspaces.create("Other", issuer("other"));
        TenantScope member = ssoWorkspaces.join(acme, "Mia", "member");
        String email = email(member);
        Account outsider = accounts.find(teams.join(acme.owner(), "Otto", "member").accountId()).orElseThrow();
        TenantScope outsiderScope = binder.bind(outsider.id(), acme.owner().slug());

        assertThat(policies.entry(member, facts(email, null))).as("no policy yet").isEqualTo(SsoEntry.ALLOW);
        policies.save(acme.owner(), new SsoPolicyDraft(true, false, MfaPreset.CUSTOM, "mfa", ""));

        assertThat(policies.entry(member, facts(email, null))).as("app-wide sign-in").isEqualTo(SsoEntry.SSO_REQUIRED);
        assertThat(policies.entry(member, facts(email, SsoWorkspaces.session(acme, false)))).isEqualTo(SsoEntry.ALLOW);
        assertThat(policies.entry(member, facts(email, SsoWorkspaces.session(other, true))))
                .as("another workspace's connection").isEqualTo(SsoEntry.SSO_REQUIRED);
        assertThat(policies.entry(outsiderScope, facts(outsider.email(), null)))
                .as("an address outside the verified domains").isEqualTo(SsoEntry.ALLOW);

        sso.disable(acme.owner());
        assertThat(policies.entry(member, facts(email, null))).as("connection disabled: paused").isEqualTo(SsoEntry.ALLOW);
        ssoWorkspaces.testAndEnable(acme.owner());
        assertThat(policies.entry(member, facts(email, null))).isEqualTo(SsoEntry.SSO_REQUIRED);

        dns.withdraw(acme.verified().recordName());
        assertThat(domains.recheck(binder.bindSystem(acme.workspaceId()))).isEqualTo(1);
        assertThat(policies.entry(member, facts(email, null))).as("domain no longer verified: paused").isEqualTo(SsoEntry.ALLOW);
        assertThat(policies.policy(acme.owner()).requireSso()).as("the setting itself stays on").isTrue();
    }

    /**
     * The person's app-wide provider (where they may change their address) moves their account to a personal address:
     * having signed in through the connection, they still open the workspace only through it, so leaving the company's
     * identity provider ends their way in. Before, the new address put them outside the policy.
     */
    @Test
    void withSsoRequiredAMemberWhoSignedInThroughTheConnectionStaysBoundWhenTheirAddressMovesOutOfTheDomain() {
        Setup acme = ssoWorkspaces.create("Moved", issuer("moved"));
        String work = "nora@" + acme.domain();
        String personal = "nora-" + UUID.randomUUID() + "@personal.example";
        OidcIdentity appWide = new OidcIdentity("https://app-wide.test", "nora-" + UUID.randomUUID(), work, true, "Nora");
        Account nora = accounts.signIn(appWide);
        TenantScope member = ssoWorkspaces.join(acme.owner(), nora, "member");
        policies.save(acme.owner(), new SsoPolicyDraft(true, false, MfaPreset.CUSTOM, "mfa", ""));
        SsoSignIn throughConnection = signIns.signIn(acme.workspaceId(), new SsoIdentity(acme.connection().issuer(),
                "nora-" + UUID.randomUUID(), work, true, "Nora", null, List.of(), List.of("pwd")));
        assertThat(throughConnection.account().id()).as("the connection's identity reaches her account").isEqualTo(nora.id());

        assertThat(accounts.signIn(new OidcIdentity(appWide.issuer(), appWide.subject(), personal, true, "Nora")).email()).isEqualTo(personal);

        assertThat(policies.entry(member, facts(personal, null))).as("app-wide sign-in, personal address").isEqualTo(SsoEntry.SSO_REQUIRED);
        assertThat(policies.entry(member, facts(personal, SsoWorkspaces.session(acme, false)))).isEqualTo(SsoEntry.ALLOW);
        dns.withdraw(acme.verified().recordName());
        assertThat(domains.recheck(binder.bindSystem(acme.workspaceId()))).isEqualTo(1);
        assertThat(policies.entry(member, facts(personal, null))).as("domain no longer verified: paused").isEqualTo(SsoEntry.ALLOW);
    }

    @Test
    void withMultiFactorRequiredOnlyASessionThroughTheConnectionThatCarriedAnAcceptedValueOpensTheWorkspace() {
        Setup setup = ssoWorkspaces.create("Mfa", issuer("mfa"));
        TenantScope member = ssoWorkspaces.join(setup, "Nils", "member");
        String email = email(member);
        policies.save(setup.owner(), new SsoPolicyDraft(false, true, MfaPreset.OKTA, String.join(" ", MfaPreset.OKTA.acceptedValues()), ""));

        assertThat(policies.entry(member, facts(email, SsoWorkspaces.session(setup, false)))).isEqualTo(SsoEntry.MFA_REQUIRED);
        assertThat(policies.entry(member, facts(email, null))).as("app-wide sign-in: nothing known").isEqualTo(SsoEntry.MFA_REQUIRED);
        assertThat(policies.entry(member, facts(email, SsoWorkspaces.session(setup, true)))).isEqualTo(SsoEntry.ALLOW);

        policies.save(setup.owner(), new SsoPolicyDraft(true, true, MfaPreset.OKTA, String.join(" ", MfaPreset.OKTA.acceptedValues()), ""));
        assertThat(policies.entry(member, facts(email, null))).as("SSO first").isEqualTo(SsoEntry.SSO_REQUIRED);
        assertThat(policies.entry(member, facts(email, SsoWorkspaces.session(setup, false)))).isEqualTo(SsoEntry.MFA_REQUIRED);
    }

    @Test
    void theAcceptedValuesOfEachPresetDecideWhetherASignInCarriedMultiFactor() {
        Setup setup = ssoWorkspaces.create("Presets", issuer("presets"));
        TenantScope system = binder.bindSystem(setup.workspaceId());
        record Case(MfaPreset preset, List<String> methods, boolean multiFactor) {
        }
        for (Case c : List.of(
                new Case(MfaPreset.OKTA, List.of("pwd", "mfa", "otp"), true),
                new Case(MfaPreset.OKTA, List.of("pwd", "urn:okta:loa:2fa:any"), true),
                new Case(MfaPreset.OKTA, List.of("pwd", "urn:okta:loa:1fa:any"), false),
                new Case(MfaPreset.OKTA, List.of("phr"), true),
                new Case(MfaPreset.ENTRA_ID, List.of("pwd", "mfa"), true),
                new Case(MfaPreset.ENTRA_ID, List.of("http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password",
                        "http://schemas.microsoft.com/claims/multipleauthn"), true),
                new Case(MfaPreset.ENTRA_ID, List.of("http://schemas.microsoft.com/ws/2008/06/identity/authenticationmethod/password"), false),
                new Case(MfaPreset.GOOGLE, List.of("pwd", "mfa"), true),
                new Case(MfaPreset.GOOGLE, List.of("urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"), false),
                new Case(MfaPreset.CUSTOM, List.of("https://refeds.org/profile/mfa"), true),
                new Case(MfaPreset.CUSTOM, List.of("MFA"), false),
                new Case(MfaPreset.CUSTOM, List.of(), false))) {
            policies.save(setup.owner(), new SsoPolicyDraft(false, true, c.preset(), String.join("\n", c.preset().acceptedValues()), ""));
            assertThat(policies.multiFactor(system, c.methods())).as(c.toString()).isEqualTo(c.multiFactor());
        }
    }

    @Test
    void anOwnerKeepsABreakGlassWayInWithoutSsoAuditedOncePerSessionAlsoWhenTwoTabsOpenItAtOnce() {
        Setup setup = ssoWorkspaces.create("Glass", issuer("glass"));
        String email = email(setup.owner());
        TenantScope admin = ssoWorkspaces.join(setup, "Ada", "admin");
        policies.save(setup.owner(), new SsoPolicyDraft(true, true, MfaPreset.CUSTOM, "mfa", ""));
        String session = UUID.randomUUID().toString();

        assertThat(policies.entry(setup.owner(), facts(email, null, session))).isEqualTo(SsoEntry.BREAK_GLASS);
        assertThat(policies.entry(setup.owner(), facts(email, null, session))).isEqualTo(SsoEntry.BREAK_GLASS);
        assertThat(policies.entry(setup.owner(), facts(email, SsoWorkspaces.session(setup, false), session)))
                .as("no MFA either").isEqualTo(SsoEntry.BREAK_GLASS);
        assertThat(policies.entry(setup.owner(), facts(email, SsoWorkspaces.session(setup, true), session))).isEqualTo(SsoEntry.ALLOW);
        List<AuditEvent> used = events(setup.owner(), AuditActions.SSO_BREAK_GLASS_USED);
        assertThat(used).hasSize(1);
        assertThat(used.getFirst().actorId()).isEqualTo(setup.owner().accountId());
        assertThat(used.getFirst().after()).contains("SSO_REQUIRED");
        assertThat(used.getFirst().after()).as("the session id is never written").doesNotContain(session);

        String tabs = UUID.randomUUID().toString();
        List<Throwable> outcomes = Races.run(() -> policies.entry(setup.owner(), facts(email, null, tabs)),
                () -> policies.entry(setup.owner(), facts(email, null, tabs)));
        assertThat(outcomes).containsOnlyNulls();
        assertThat(events(setup.owner(), AuditActions.SSO_BREAK_GLASS_USED)).as("one more session, one more event").hasSize(2);

        assertThat(policies.entry(admin, facts(email(admin), null))).as("only Owners").isEqualTo(SsoEntry.SSO_REQUIRED);
    }

    @Test
    void aMappingToOwnerOrToARoleTheSavingAdminMayNotGrantIsRefusedAndEveryMappingRemembersItsConfigurer() {
        Setup setup = ssoWorkspaces.create("Map", issuer("map"));
        TenantScope delegate = ssoWorkspaces.join(setup, "Del", "member");
        RoleSummary ssoAdmin = roles.create(setup.owner(), new RoleDraft("SSO admin", "", Set.of(Permissions.WORKSPACE_MANAGE_SSO)));
        members.changeRole(setup.owner(), delegate.accountId(), ssoAdmin.id());

        assertThatThrownBy(() -> policies.addMapping(setup.owner(), "owners", teams.roleId(setup.owner(), "owner")))
                .satisfies(Refusals.code("sso.policy-mapping-owner"));
        assertThatThrownBy(() -> policies.addMapping(delegate, "staff", teams.roleId(setup.owner(), "member")))
                .as("escalation at save").isInstanceOf(PermissionDeniedException.class)
                .satisfies(Refusals.code("access.role-beyond-own-role"));
        assertThatThrownBy(() -> policies.addMapping(setup.owner(), " ", teams.roleId(setup.owner(), "member")))
                .satisfies(Refusals.code("sso.policy-group-invalid"));
        assertThat(policies.mappableRoles(delegate)).extracting(RoleSummary::name).contains("SSO admin", "Guest").doesNotContain("Member", "Admin");
        assertThat(policies.policy(setup.owner()).mappings()).isEmpty();

        GroupRoleMapping mapping = policies.addMapping(delegate, "sso-admins", ssoAdmin.id());
        assertThat(mapping.configuredBy()).isEqualTo(delegate.accountId());
        assertThat(mapping.roleName()).isEqualTo("SSO admin");
        assertThatThrownBy(() -> policies.addMapping(setup.owner(), "sso-admins", teams.roleId(setup.owner(), "member")))
                .satisfies(Refusals.reason("sso.policy-group-taken", "sso-admins"));
        AuditEvent added = lastEvent(setup.owner(), AuditActions.SSO_GROUP_MAPPING_ADDED);
        assertThat(added.actorId()).isEqualTo(delegate.accountId());
        assertThat(added.after()).contains("sso-admins", "SSO admin", "Del");

        policies.removeMapping(setup.owner(), mapping.id());
        assertThat(policies.policy(setup.owner()).mappings()).isEmpty();
        assertThat(lastEvent(setup.owner(), AuditActions.SSO_GROUP_MAPPING_REMOVED).before()).contains("sso-admins");
        assertThatThrownBy(() -> policies.removeMapping(setup.owner(), mapping.id())).satisfies(Refusals.code("sso.policy-mapping-gone"));
    }

    @Test
    void atSignInTheStrongestMappedRoleIsAppliedAsTheSystemAndAMemberMatchingNoGroupIsLeftAsTheyAre() {
        Setup setup = ssoWorkspaces.create("Apply", issuer("apply"));
        TenantScope system = binder.bindSystem(setup.workspaceId());
        TenantScope person = ssoWorkspaces.join(setup, "Pat", "guest");
        policies.addMapping(setup.owner(), "everyone", teams.roleId(setup.owner(), "guest"));
        policies.addMapping(setup.owner(), "engineers", teams.roleId(setup.owner(), "member"));
        policies.addMapping(setup.owner(), "leads", teams.roleId(setup.owner(), "admin"));

        assertThat(policies.applyGroupRoles(system, person.accountId(), List.of("unmapped"))).isEqualTo(new GroupRoleOutcome(Result.NO_MATCH, null));
        assertThat(policies.applyGroupRoles(system, person.accountId(), List.of())).isEqualTo(new GroupRoleOutcome(Result.NO_MATCH, null));
        assertThat(role(setup, person)).isEqualTo("Guest");

        assertThat(policies.applyGroupRoles(system, person.accountId(), List.of("everyone", "engineers", "other")))
                .isEqualTo(new GroupRoleOutcome(Result.CHANGED, "Member"));
        AuditEvent changed = lastEvent(setup.owner(), AuditActions.MEMBER_ROLE_CHANGED);
        assertThat(changed.actorKind()).isEqualTo(Actor.Kind.SYSTEM);
        assertThat(changed.actorId()).isNull();
        assertThat(changed.before()).contains("Guest");
        assertThat(changed.after()).contains("\"role\": \"Member\"", "\"group\": \"engineers\"", "sso_connection", setup.connection().issuer());

        assertThat(policies.applyGroupRoles(system, person.accountId(), List.of("engineers", "leads")))
                .isEqualTo(new GroupRoleOutcome(Result.CHANGED, "Admin"));
        assertThat(policies.applyGroupRoles(system, person.accountId(), List.of("leads"))).isEqualTo(new GroupRoleOutcome(Result.UNCHANGED, "Admin"));
        assertThat(policies.applyGroupRoles(system, person.accountId(), List.of("everyone")))
                .as("the mapping decides, also downwards").isEqualTo(new GroupRoleOutcome(Result.CHANGED, "Guest"));

        assertThatThrownBy(() -> policies.applyGroupRoles(setup.owner(), person.accountId(), List.of("leads")))
                .as("only the system applies mappings").isInstanceOf(PermissionDeniedException.class);
        assertThat(policies.applyGroupRoles(system, UUID.randomUUID(), List.of("leads"))).isEqualTo(new GroupRoleOutcome(Result.NOT_A_MEMBER, null));
    }

    @Test
    void aSignInThroughTheConnectionAppliesTheMappingsAndSaysWhetherItCarriedAnAcceptedMultiFactorValue() {
        Setup setup = ssoWorkspaces.create("Wired", issuer("wired"));
        policies.addMapping(setup.owner(), "leads", teams.roleId(setup.owner(), "admin"));
        policies.save(setup.owner(), new SsoPolicyDraft(false, true, MfaPreset.OKTA, String.join(" ", MfaPreset.OKTA.acceptedValues()), ""));
        String email = "quinn@" + setup.domain();

        SsoSignIn first = signIns.signIn(setup.workspaceId(), new SsoIdentity(setup.connection().issuer(), "quinn", email, true,
                "Quinn", null, List.of("leads"), List.of("pwd", "mfa")));
        assertThat(first.joined()).isTrue();
        assertThat(first.session().multiFactor()).isTrue();
        TenantScope quinn = binder.bind(first.account().id(), setup.owner().slug());
        assertThat(role(setup, quinn)).as("joined with the default role, then mapped").isEqualTo("Admin");

        SsoSignIn again = signIns.signIn(setup.workspaceId(), new SsoIdentity(setup.connection().issuer(), "quinn", email, true,
                "Quinn", null, List.of(), List.of("pwd")));
        assertThat(again.session().multiFactor()).isFalse();
        assertThat(role(setup, quinn)).as("no group claimed: left as they are").isEqualTo("Admin");
    }

    @Test
    void anOwnerIsNeverChangedByAMapping() {
        Setup setup = ssoWorkspaces.create("Own", issuer("own"));
        TenantScope system = binder.bindSystem(setup.workspaceId());
        policies.addMapping(setup.owner(), "staff", teams.roleId(setup.owner(), "guest"));
        int eventsBefore = events(setup.owner(), AuditActions.MEMBER_ROLE_CHANGED).size();

        assertThat(policies.applyGroupRoles(system, setup.owner().accountId(), List.of("staff")))
                .isEqualTo(new GroupRoleOutcome(Result.OWNER, "Owner"));
        assertThat(role(setup, setup.owner())).isEqualTo("Owner");
        assertThat(events(setup.owner(), AuditActions.MEMBER_ROLE_CHANGED)).hasSize(eventsBefore);
    }

    @Test
    void aMappingWhoseConfigurerLostTheRightToGrantItsRoleIsSkippedAtApplyAndAudited() {
        Setup setup = ssoWorkspaces.create("Esc", issuer("esc"));
        TenantScope system = binder.bindSystem(setup.workspaceId());
        TenantScope admin = ssoWorkspaces.join(setup, "Ana", "admin");
        TenantScope person = ssoWorkspaces.join(setup, "Per", "guest");
        policies.addMapping(admin, "leads", teams.roleId(setup.owner(), "admin"));
        policies.addMapping(admin, "staff", teams.roleId(setup.owner(), "member"));
        members.changeRole(setup.owner(), admin.accountId(), teams.roleId(setup.owner(), "member"));

        assertThat(policies.applyGroupRoles(system, person.accountId(), List.of("leads", "staff")))
                .as("the escalating row is skipped; the one still within the configurer's rights applies")
                .isEqualTo(new GroupRoleOutcome(Result.CHANGED, "Member"));
        AuditEvent skipped = lastEvent(setup.owner(), AuditActions.SSO_GROUP_MAPPING_SKIPPED);
        assertThat(skipped.actorKind()).isEqualTo(Actor.Kind.SYSTEM);
        assertThat(skipped.after()).contains("\"group\": \"leads\"", "Admin", "configurer-may-not-grant");

        assertThat(policies.applyGroupRoles(system, person.accountId(), List.of("leads")))
                .as("escalation at apply").isEqualTo(new GroupRoleOutcome(Result.SKIPPED, "Member"));
        assertThat(role(setup, person)).isEqualTo("Member");

        members.remove(setup.owner(), admin.accountId());
        assertThat(policies.applyGroupRoles(system, person.accountId(), List.of("staff"))).isEqualTo(new GroupRoleOutcome(Result.SKIPPED, "Member"));
        assertThat(lastEvent(setup.owner(), AuditActions.SSO_GROUP_MAPPING_SKIPPED).after()).contains("configurer-not-a-member");
    }

    @Test
    void withSsoRequiredAnInvitationInAVerifiedDomainIsTakenUpThroughSsoAndTheServiceRefusesAnAppWideAcceptance() {
        Setup setup = ssoWorkspaces.create("Inv", issuer("inv"));
        policies.save(setup.owner(), new SsoPolicyDraft(true, false, MfaPreset.CUSTOM, "mfa", ""));
        Account inDomain = ssoWorkspaces.person("Ines", setup.domain());
        Account outside = accounts.find(teams.newWorkspace("Ext").accountId()).orElseThrow();
        InviteOutcome sent = invitations.invite(setup.owner(), inDomain.email() + ", " + outside.email(),
                teams.roleId(setup.owner(), "member"), Locale.ENGLISH);
        String inDomainToken = TestWorkspaces.tokenOf(sent.invited().get(0).link());
        String outsideToken = TestWorkspaces.tokenOf(sent.invited().get(1).link());

        InvitationPage page = invitations.open(inDomainToken, inDomain.id());
        assertThat(page.state()).isEqualTo(InvitationPage.State.SSO_REQUIRED);
        assertThat(page.ssoPath()).isEqualTo("/sso/" + setup.owner().slug());
        assertThatThrownBy(() -> invitations.accept(inDomainToken, inDomain.id())).isInstanceOf(InvitationException.class)
                .satisfies(Refusals.code("invitation.sso-required"));
        UUID otherConnection = UUID.randomUUID();
        assertThatThrownBy(() -> invitations.accept(inDomainToken, inDomain.id(), otherConnection))
                .satisfies(Refusals.code("invitation.sso-required"));
        assertThat(invitations.open(outsideToken, outside.id()).state()).as("outside the domain").isEqualTo(InvitationPage.State.VALID);

        assertThat(invitations.accept(inDomainToken, inDomain.id(), setup.connection().id())).isEqualTo(setup.owner().slug());

        sso.disable(setup.owner());
        Account later = ssoWorkspaces.person("Lea", setup.domain());
        InviteOutcome paused = invitations.invite(setup.owner(), later.email(), teams.roleId(setup.owner(), "member"), Locale.ENGLISH);
        assertThat(invitations.open(TestWorkspaces.tokenOf(paused.invited().getFirst().link()), later.id()).state())
                .as("connection disabled: accepted as before").isEqualTo(InvitationPage.State.VALID);
    }

    private String role(Setup setup, TenantScope member) {
        return members.find(setup.owner(), member.accountId()).orElseThrow().roleName();
    }

    private String email(TenantScope member) {
        return accounts.find(member.accountId()).orElseThrow().email();
    }

    private static SsoEntryFacts facts(String email, SsoSession session) {
        return facts(email, session, UUID.randomUUID().toString());
    }

    private static SsoEntryFacts facts(String email, SsoSession session, String sessionId) {
        return new SsoEntryFacts(email, session, sessionId);
    }

    private static String issuer(String label) {
        return IDP.issuerUrl(label + "-" + UUID.randomUUID().toString().substring(0, 8)).toString();
    }

    private AuditEvent lastEvent(TenantScope scope, String action) {
        return events(scope, action).getFirst();
    }

    private List<AuditEvent> events(TenantScope scope, String action) {
        return audit.page(scope, new AuditFilter(null, action, null, null, null, null), null, null, 100).events();
    }
}
