package dev.atrium.admin.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestAccounts;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.account.OidcIdentity;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.member.MemberFilter;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.role.RoleDraft;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.workspace.WorkspaceService;

/**
 * Every kind of actor acts through a scope only the binder makes, is recorded with its kind in the audit log, and is
 * held to what its kind may do: the system passes no member permission check, a member cannot do what only the
 * system does, and an API key (none exist yet; this package makes its scope the way the binder will) has no role.
 */
@SpringBootTest
class ActorTest {

    @Autowired TenantBinder binder;
    @Autowired TestWorkspaces teams;
    @Autowired TestAccounts people;
    @Autowired AccountService accounts;
    @Autowired WorkspaceService workspaces;
    @Autowired AuditLog auditLog;
    @Autowired AuditLogService audit;
    @Autowired AccessControl access;
    @Autowired MemberService members;
    @Autowired RoleService roles;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired MutableClock clock;

    @Test
    void aSystemActorsEventRecordsKindSystemWithNoAccount() {
        TenantScope owner = teams.newWorkspace("Sybil");
        audit.setRetentionDays(owner, AuditLogService.MIN_RETENTION_DAYS); // the shared clock moves a month (MutableClock)
        clock.advance(Duration.ofDays(audit.retentionDays(owner) + 1));

        assertThat(audit.purge(binder.bindSystem(owner.workspaceId()))).isPositive();

        AuditEvent purged = newest(owner);
        assertThat(purged.action()).isEqualTo(AuditActions.AUDIT_PURGED);
        assertThat(purged.actorKind()).isEqualTo(Actor.Kind.SYSTEM);
        assertThat(purged.actorId()).isNull();
        assertThat(purged.actorEmail()).isNull();
        assertThat(purged.actorName()).isNull();
        assertThat(audit.verify(owner).intact()).isTrue();
    }

    @Test
    void aMembersEventRecordsKindMemberWithTheNameAndEmailOfThatMoment() {
        String subject = UUID.randomUUID().toString();
        Account mira = accounts.signIn(new OidcIdentity("https://issuer.test", subject, "mira-" + subject + "@example.test", true, "Mira"));
        TenantScope owner = binder.bind(mira.id(), workspaces.create(mira.id(), "Mira's team", TestAccounts.uniqueSlug("mira")).slug());

        roles.create(owner, new RoleDraft("Before", "", Set.of()));
        accounts.signIn(new OidcIdentity("https://issuer.test", subject, "mira.new-" + subject + "@example.test", true, "Mira Renamed"));
        roles.create(owner, new RoleDraft("After", "", Set.of()));

        var events = audit.page(owner, new AuditFilter(null, AuditActions.ROLE_CREATED, null, null, null, null), null, null, 10).events();
        assertThat(events).extracting(AuditEvent::actorKind).containsOnly(Actor.Kind.MEMBER);
        assertThat(events).extracting(AuditEvent::actorId).containsOnly(mira.id());
        assertThat(events).extracting(AuditEvent::actorName).containsExactly("Mira Renamed", "Mira");
        assertThat(events).extracting(AuditEvent::actorEmail)
                .containsExactly("mira.new-" + subject + "@example.test", "mira-" + subject + "@example.test");
    }

    @Test
    void anApiKeysEventRecordsItsKindIdAndNameAndTheChainCoversThem() {
        TenantScope owner = teams.newWorkspace("Kiran");
        UUID keyId = UUID.randomUUID();
        TenantScope key = new TenantScope(owner.workspace(), new Actor.ApiKey(keyId, "CI deploy", owner.accountId()));

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> auditLog.record(key,
                AuditActions.WORKSPACE_SETTINGS_CHANGED, new AuditTarget("workspace", owner.workspaceId().toString(), null), null,
                Map.of("x", 1)));

        AuditEvent event = newest(owner);
        assertThat(event.actorKind()).isEqualTo(Actor.Kind.API_KEY);
        assertThat(event.actorId()).isEqualTo(keyId);
        assertThat(event.actorName()).isEqualTo("CI deploy");
        assertThat(event.actorEmail()).isNull();
        assertThat(audit.verify(owner).intact()).isTrue();
        // A key that does not exist in the workspace passes no permission check.
        assertThatThrownBy(() -> access.require(key, Permissions.AUDIT_VIEW)).isInstanceOf(PermissionDeniedException.class)
                .extracting(e -> ((PermissionDeniedException) e).permission()).isEqualTo(AccessControl.API_KEY);
    }

    @Test
    void aSystemScopePassesNoMemberPermissionCheckAndAMemberCannotDoWhatOnlyTheSystemDoes() {
        TenantScope owner = teams.newWorkspace("Sasha");
        TenantScope system = binder.bindSystem(owner.workspaceId());

        assertThatThrownBy(() -> access.require(system, Permissions.MEMBERS_VIEW)).isInstanceOf(PermissionDeniedException.class)
                .extracting(e -> ((PermissionDeniedException) e).permission()).isEqualTo(AccessControl.SYSTEM);
        assertThat(binder.systemScopes()).filteredOn(s -> s.workspaceId().equals(owner.workspaceId()))
                .allSatisfy(s -> assertThatThrownBy(() -> access.has(s, Permissions.AUDIT_VIEW)).isInstanceOf(PermissionDeniedException.class));
        assertThatThrownBy(() -> members.page(system, MemberFilter.NONE, new PageRequest(0, 10, List.of())))
                .isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> members.leave(system)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> workspaces.overview(system)).isInstanceOf(PermissionDeniedException.class);
        assertThatThrownBy(() -> roles.create(system, new RoleDraft("Sneaky", "", Set.of())))
                .isInstanceOf(PermissionDeniedException.class);

        assertThatThrownBy(() -> audit.purge(owner)).isInstanceOf(PermissionDeniedException.class);
        assertThat(newest(owner).action()).isEqualTo(AuditActions.WORKSPACE_CREATED);
    }

    @Test
    void anInviteeScopeIsNoMembersScope() {
        TenantScope owner = teams.newWorkspace("Ines");
        Account stranger = people.newAccount("Stranger");

        InviteeScope invitee = binder.bindInvitee(owner.workspaceId(), stranger.id());

        // No member operation takes an InviteeScope (ArchitectureTest keeps it so), and it makes no member.
        assertThat((Object) invitee).isNotInstanceOf(TenantScope.class);
        assertThatThrownBy(() -> binder.bind(stranger.id(), owner.slug())).isInstanceOf(TenantNotFoundException.class);
    }

    private AuditEvent newest(TenantScope scope) {
        return audit.page(scope, AuditFilter.NONE, null, null, 1).events().getFirst();
    }
}
