package dev.atrium.admin.member;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.role.AccessControl;
import dev.atrium.admin.role.BuiltInRoles;
import dev.atrium.admin.role.Permissions;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.role.RoleSummary;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The members of a workspace and the changes to them. Every operation checks the acting member's permission, and a
 * workspace always keeps at least one Owner: the owners' rows are locked while that is checked, so two Owners
 * demoting each other at once cannot both succeed.
 */
@Service
public class MemberService {

    private final MemberRepository members;
    private final TenantDsl tenantDsl;
    private final AccessControl access;
    private final RoleService roles;
    private final Memberships memberships;
    private final AuditLog auditLog;

    MemberService(MemberRepository members, TenantDsl tenantDsl, AccessControl access, RoleService roles,
            Memberships memberships, AuditLog auditLog) {
        this.auditLog = auditLog;
        this.members = members;
        this.memberships = memberships;
        this.tenantDsl = tenantDsl;
        this.access = access;
        this.roles = roles;
    }

    public List<Member> page(TenantScope scope, MemberFilter filter, PageRequest page) {
        access.require(scope, Permissions.MEMBERS_VIEW);
        return members.page(tenantDsl.of(scope), filter, page);
    }

    public int count(TenantScope scope, MemberFilter filter) {
        access.require(scope, Permissions.MEMBERS_VIEW);
        return members.count(tenantDsl.of(scope), filter);
    }

    public Optional<Member> find(TenantScope scope, UUID accountId) {
        access.require(scope, Permissions.MEMBERS_VIEW);
        return members.find(tenantDsl.of(scope), accountId);
    }

    @Transactional
    public Member changeRole(TenantScope scope, UUID accountId, UUID roleId) {
        RoleSummary acting = access.require(scope, Permissions.MEMBERS_CHANGE_ROLE);
        if (accountId.equals(scope.accountId())) {
            throw new MemberRuleException("You cannot change your own role; ask another Owner or Admin.");
        }
        DSLContext tenant = tenantDsl.of(scope);
        Member target = existing(tenant, accountId);
        RoleSummary newRole = roles.find(scope, roleId).orElseThrow(() -> new MemberRuleException("That role no longer exists."));
        access.requireAssignable(acting, newRole);
        if (target.owner() && !acting.isOwner()) {
            throw new MemberRuleException("Only an Owner can change an Owner's role.");
        }
        if (target.owner() && !newRole.isOwner()) {
            requireAnotherOwner(tenant, "It is the workspace's last Owner: make someone else Owner first.");
        }
        members.setRole(tenant, accountId, roleId);
        access.forget(scope.workspaceId(), accountId);
        auditLog.record(scope, AuditActions.MEMBER_ROLE_CHANGED, target(target), Map.of("role", target.roleName()),
                Map.of("role", newRole.name()));
        return existing(tenant, accountId);
    }

    @Transactional
    public void remove(TenantScope scope, UUID accountId) {
        RoleSummary acting = access.require(scope, Permissions.MEMBERS_REMOVE);
        if (accountId.equals(scope.accountId())) {
            throw new MemberRuleException("To remove yourself, leave the workspace.");
        }
        DSLContext tenant = tenantDsl.of(scope);
        Member target = existing(tenant, accountId);
        if (target.owner()) {
            if (!acting.isOwner()) {
                throw new MemberRuleException("Only an Owner can remove an Owner.");
            }
            requireAnotherOwner(tenant, "The last Owner cannot be removed.");
        }
        memberships.remove(tenant, scope.workspaceId(), accountId);
        access.forget(scope.workspaceId(), accountId);
        auditLog.record(scope, AuditActions.MEMBER_REMOVED, target(target), Map.of("role", target.roleName()), null);
    }

    /** The acting member leaves the workspace; the last Owner cannot. */
    @Transactional
    public void leave(TenantScope scope) {
        DSLContext tenant = tenantDsl.of(scope);
        Member self = existing(tenant, scope.accountId());
        if (self.owner()) {
            requireAnotherOwner(tenant, "You are the last Owner: transfer ownership to another member before leaving.");
        }
        auditLog.record(scope, AuditActions.MEMBER_LEFT, target(self), Map.of("role", self.roleName()), null);
        memberships.remove(tenant, scope.workspaceId(), scope.accountId());
        access.forget(scope.workspaceId(), scope.accountId());
    }

    /** The acting Owner makes another member Owner and becomes Admin. */
    @Transactional
    public void transferOwnership(TenantScope scope, UUID toAccountId) {
        access.require(scope, Permissions.WORKSPACE_TRANSFER_OWNERSHIP);
        if (toAccountId.equals(scope.accountId())) {
            throw new MemberRuleException("Choose another member to transfer ownership to.");
        }
        DSLContext tenant = tenantDsl.of(scope);
        Member heir = existing(tenant, toAccountId);
        Member self = existing(tenant, scope.accountId());
        members.setRole(tenant, toAccountId, members.roleIdByKey(tenant, BuiltInRoles.OWNER));
        members.setRole(tenant, scope.accountId(), members.roleIdByKey(tenant, BuiltInRoles.ADMIN));
        access.forget(scope.workspaceId(), toAccountId);
        access.forget(scope.workspaceId(), scope.accountId());
        auditLog.record(scope, AuditActions.OWNERSHIP_TRANSFERRED, target(heir), Map.of("owner", self.email()),
                Map.of("owner", heir.email()));
    }

    private static AuditTarget target(Member member) {
        return new AuditTarget("member", member.accountId().toString(), member.name() + " <" + member.email() + ">");
    }

    private Member existing(DSLContext tenant, UUID accountId) {
        return members.find(tenant, accountId).orElseThrow(() -> new MemberRuleException("That person is not a member of this workspace."));
    }

    private void requireAnotherOwner(DSLContext tenant, String message) {
        if (members.lockOwners(tenant) < 2) {
            throw new MemberRuleException(message);
        }
    }
}
