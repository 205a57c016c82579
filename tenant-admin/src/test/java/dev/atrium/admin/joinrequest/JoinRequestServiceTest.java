package dev.atrium.admin.joinrequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import dev.atrium.admin.Refusals;
import dev.atrium.admin.TestRoles;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;

/** Join requests by verified domain, on real PostgreSQL: who is shown a workspace, requests, decisions, automatic joins. */
@SpringBootTest
class JoinRequestServiceTest {

    @Autowired JoinRequestService joins;
    @Autowired JoinRequestFixtures fixtures;
    @Autowired TestWorkspaces teams;
    @Autowired DomainService domains;
    @Autowired MemberService members;
    @Autowired RoleService roles;
    @Autowired TenantBinder binder;
    @Autowired AuditLogService audit;
    @Autowired TestRoles testRoles;

    @Test
    void joiningIsOffByDefaultAndThenNoOneIsShownTheWorkspace() {
        String domain = JoinRequestFixtures.uniqueDomain("off");
        TenantScope owner = fixtures.workspaceVerifying("Olga", domain);
        Account colleague = fixtures.person("Carl", domain, true);

        assertThat(joins.setting(owner).mode()).isEqualTo(JoinMode.OFF);
        assertThat(joins.suggestions(colleague.id())).isEmpty();
        assertThatThrownBy(() -> joins.requestToJoin(colleague.id(), owner.workspaceId()))
                .satisfies(Refusals.code("joinrequest.not-offered"));
    }

    @Test
    void onlyAVerifiedAddressInADomainTheWorkspaceVerifiedIsShownTheWorkspace() {
        String domain = JoinRequestFixtures.uniqueDomain("acme");
        TenantScope owner = fixtures.workspaceVerifying("Olga", domain);
        joins.saveSetting(owner, JoinMode.REQUEST, null);
        String pendingDomain = JoinRequestFixtures.uniqueDomain("pending");
        domains.add(owner, pendingDomain);

        Account unverifiedAddress = fixtures.person("Mallory", domain, false);
        Account unverifiedDomain = fixtures.person("Pat", pendingDomain, true);
        Account elsewhere = fixtures.person("Eve", JoinRequestFixtures.uniqueDomain("other"), true);
        Account colleague = fixtures.person("Carl", domain, true);

        assertThat(joins.suggestions(unverifiedAddress.id())).as("the nOAuth rule: an unverified address learns nothing").isEmpty();
        assertThat(joins.suggestions(unverifiedDomain.id())).isEmpty();
        assertThat(joins.suggestions(elsewhere.id())).isEmpty();
        for (Account refused : List.of(unverifiedAddress, unverifiedDomain, elsewhere)) {
            assertThatThrownBy(() -> joins.requestToJoin(refused.id(), owner.workspaceId()))
                    .satisfies(Refusals.code("joinrequest.not-offered"));
        }
        assertThat(joins.suggestions(colleague.id())).singleElement().satisfies(suggestion -> {
            assertThat(suggestion.workspaceName()).isEqualTo(owner.workspaceName());
            assertThat(suggestion.domain()).isEqualTo(domain);
            assertThat(suggestion.mode()).isEqualTo(JoinMode.REQUEST);
            assertThat(suggestion.requested()).isFalse();
            assertThat(suggestion.ssoPath()).isNull();
        });
        assertThat(joins.suggestions(owner.accountId())).as("members are not offered their own workspace").isEmpty();
    }

    @Test
    void aRequestApprovedWithARoleMakesAMemberWithThatRoleAndTheRequesterIsToldOnce() {
        String domain = JoinRequestFixtures.uniqueDomain("approve");
        TenantScope owner = fixtures.workspaceVerifying("Olga", domain);
        joins.saveSetting(owner, JoinMode.REQUEST, null);
        Account colleague = fixtures.person("Carl", domain, true);

        assertThat(joins.requestToJoin(colleague.id(), owner.workspaceId())).isEqualTo(JoinResult.REQUESTED);
        assertThat(joins.requestToJoin(colleague.id(), owner.workspaceId())).as("asking again").isEqualTo(JoinResult.REQUESTED);
        assertThat(joins.suggestions(colleague.id())).singleElement().extracting(JoinSuggestion::requested).isEqualTo(true);
        assertThatThrownBy(() -> binder.bind(colleague.id(), owner.slug())).isInstanceOf(TenantNotFoundException.class);
        PendingJoinRequest request = joins.pending(owner).getFirst();
        assertThat(joins.pending(owner)).hasSize(1);
        assertThat(request.email()).isEqualTo(colleague.email());
        assertThat(lastEvent(owner, AuditActions.JOINREQUEST_CREATED).target().label()).isEqualTo(colleague.email());

        joins.approve(owner, request.id(), teams.roleId(owner, BuiltInRoles.ADMIN));

        TenantScope joined = binder.bind(colleague.id(), owner.slug());
        assertThat(members.find(owner, colleague.id()).orElseThrow().roleName()).isEqualTo("Admin");
        assertThat(joined.slug()).isEqualTo(owner.slug());
        assertThat(joins.pending(owner)).isEmpty();
        assertThat(joins.suggestions(colleague.id())).isEmpty();
        AuditEvent approved = lastEvent(owner, AuditActions.JOINREQUEST_APPROVED);
        assertThat(approved.actorEmail()).isEqualTo(lastEvent(owner, AuditActions.WORKSPACE_CREATED).actorEmail());
        assertThat(approved.after()).contains("Admin");
        assertThat(joins.takeOutcomes(colleague.id())).containsExactly(new JoinOutcome(owner.workspaceName(), owner.slug(), true, "Admin"));
        assertThat(joins.takeOutcomes(colleague.id())).as("told once").isEmpty();
        assertThatThrownBy(() -> joins.deny(owner, request.id())).satisfies(Refusals.code("joinrequest.already-decided"));
    }

    @Test
    void aDeniedRequestMakesNoMemberAndTheRequesterIsTold() {
        String domain = JoinRequestFixtures.uniqueDomain("deny");
        TenantScope owner = fixtures.workspaceVerifying("Olga", domain);
        joins.saveSetting(owner, JoinMode.REQUEST, null);
        Account colleague = fixtures.person("Carl", domain, true);
        joins.requestToJoin(colleague.id(), owner.workspaceId());

        joins.deny(owner, joins.pending(owner).getFirst().id());

        assertThat(members.find(owner, colleague.id())).isEmpty();
        assertThat(lastEvent(owner, AuditActions.JOINREQUEST_DENIED).target().label()).isEqualTo(colleague.email());
        assertThat(joins.takeOutcomes(colleague.id())).containsExactly(new JoinOutcome(owner.workspaceName(), owner.slug(), false, null));
        assertThat(joins.suggestions(colleague.id())).as("they may ask again").singleElement()
                .extracting(JoinSuggestion::requested).isEqualTo(false);
    }

    @Test
    void automaticModeJoinsAtOnceWithTheDefaultRole() {
        String domain = JoinRequestFixtures.uniqueDomain("auto");
        TenantScope owner = fixtures.workspaceVerifying("Olga", domain);
        joins.saveSetting(owner, JoinMode.AUTOMATIC, teams.roleId(owner, BuiltInRoles.GUEST));
        Account colleague = fixtures.person("Carl", domain, true);

        assertThat(joins.suggestions(colleague.id())).singleElement().extracting(JoinSuggestion::mode).isEqualTo(JoinMode.AUTOMATIC);
        assertThat(joins.requestToJoin(colleague.id(), owner.workspaceId())).isEqualTo(JoinResult.JOINED);

        assertThat(members.find(owner, colleague.id()).orElseThrow().roleName()).isEqualTo("Guest");
        AuditEvent joined = lastEvent(owner, AuditActions.JOINREQUEST_JOINED_AUTOMATICALLY);
        assertThat(joined.after()).contains("Guest");
        assertThat(joins.pending(owner)).isEmpty();
        assertThatThrownBy(() -> joins.requestToJoin(colleague.id(), owner.workspaceId()))
                .satisfies(Refusals.code("joinrequest.already-member"));
    }

    @Test
    void theDefaultRoleIsNeverOwnerNorBeyondTheAdminAndFallsBackToARequestWhenTheAdminLosesTheRight() {
        String domain = JoinRequestFixtures.uniqueDomain("cap");
        TenantScope owner = fixtures.workspaceVerifying("Olga", domain);
        TenantScope admin = teams.join(owner, "Ada", BuiltInRoles.ADMIN);
        TenantScope member = teams.join(owner, "Max", BuiltInRoles.MEMBER);

        assertThatThrownBy(() -> joins.saveSetting(owner, JoinMode.AUTOMATIC, teams.roleId(owner, BuiltInRoles.OWNER)))
                .satisfies(Refusals.code("joinrequest.owner-never"));
        assertThatThrownBy(() -> joins.saveSetting(owner, JoinMode.AUTOMATIC, null))
                .satisfies(Refusals.code("joinrequest.default-role-missing"));
        assertThatThrownBy(() -> joins.saveSetting(member, JoinMode.REQUEST, null)).isInstanceOf(PermissionDeniedException.class);
        joins.saveSetting(admin, JoinMode.AUTOMATIC, teams.roleId(owner, BuiltInRoles.ADMIN));

        members.changeRole(owner, admin.accountId(), teams.roleId(owner, BuiltInRoles.MEMBER));
        Account colleague = fixtures.person("Carl", domain, true);

        assertThat(joins.requestToJoin(colleague.id(), owner.workspaceId())).isEqualTo(JoinResult.REQUESTED);
        assertThat(members.find(owner, colleague.id())).isEmpty();
        assertThat(lastEvent(owner, AuditActions.JOINREQUEST_CREATED).after()).contains("default-role-no-longer-grantable");
        assertThat(joins.pending(owner)).hasSize(1);
    }

    @Test
    void anApproverGrantsNeitherOwnerNorARoleBeyondTheirOwnAndNeedsMembersInvite() {
        String domain = JoinRequestFixtures.uniqueDomain("grant");
        TenantScope owner = fixtures.workspaceVerifying("Olga", domain);
        joins.saveSetting(owner, JoinMode.REQUEST, null);
        roles.create(owner, new RoleDraft("Recruiter", "Lets people in", Set.of(Permissions.MEMBERS_VIEW, Permissions.MEMBERS_INVITE)));
        TenantScope recruiter = teams.join(owner, "Rita", BuiltInRoles.GUEST);
        members.changeRole(owner, recruiter.accountId(), roles.roles(owner).stream().filter(r -> r.name().equals("Recruiter"))
                .findFirst().orElseThrow().id());
        TenantScope member = teams.join(owner, "Max", BuiltInRoles.MEMBER);
        Account colleague = fixtures.person("Carl", domain, true);
        joins.requestToJoin(colleague.id(), owner.workspaceId());
        PendingJoinRequest request = joins.pending(owner).getFirst();

        assertThatThrownBy(() -> joins.approve(owner, request.id(), teams.roleId(owner, BuiltInRoles.OWNER)))
                .satisfies(Refusals.code("joinrequest.owner-never"));
        assertThatThrownBy(() -> joins.approve(recruiter, request.id(), teams.roleId(owner, BuiltInRoles.ADMIN)))
                .satisfies(Refusals.code("joinrequest.role-not-grantable"));
        assertThatThrownBy(() -> joins.pending(member)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> joins.deny(member, request.id())).isInstanceOf(PermissionDeniedException.class);
        assertThat(members.find(owner, colleague.id())).isEmpty();
        assertThat(joins.pending(recruiter)).hasSize(1);
    }

    private AuditEvent lastEvent(TenantScope scope, String action) {
        return audit.page(scope, new AuditFilter(null, action, null, null, null, null), null, null, 1).events().getFirst();
    }

    /** Automatic joins would quietly become requests if their role went: the deletion waits for another choice. */
    @Test
    void theDefaultRoleOfAutomaticJoinsIsNotDeletedUntilAnotherIsChosen() {
        TenantScope owner = fixtures.workspaceVerifying("Olga", JoinRequestFixtures.uniqueDomain("keep"));
        TestRoles.Deletion pair = testRoles.twoRoles(owner);
        String name = roles.find(owner, pair.deleted()).orElseThrow().name();
        joins.saveSetting(owner, JoinMode.AUTOMATIC, pair.deleted());

        assertThatThrownBy(() -> roles.delete(owner, pair.deleted(), pair.moveTo()))
                .satisfies(Refusals.reason("role.join-default-role", name));
        assertThat(roles.find(owner, pair.deleted())).isPresent();

        joins.saveSetting(owner, JoinMode.AUTOMATIC, pair.moveTo());
        roles.delete(owner, pair.deleted(), pair.moveTo());
        assertThat(roles.find(owner, pair.deleted())).isEmpty();
    }
}
