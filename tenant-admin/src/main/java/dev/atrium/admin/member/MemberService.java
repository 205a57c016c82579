package dev.atrium.admin.member;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.member.MemberRuleException.Operation;
import dev.atrium.admin.member.MemberRuleException.Rule;
import dev.atrium.admin.paging.PageRequest;
import dev.atrium.admin.paging.Slice;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The members of a workspace and the changes to them. Every operation checks the acting member's permission, and a
 * workspace always keeps at least one Owner. A change locks the rows its rule reads — the acting member's and the
 * target's, or the Owners' when someone leaves — in account order, and reads them again under the lock, so two
 * requests deciding at once are decided one after the other. A change that finds no row to change is refused.
 */
@Service
public class MemberService {

    private final MemberRepository members;
    private final TenantDsl tenantDsl;
    private final AccessControl access;
    private final MembershipRepository memberships;
    private final AuditLog auditLog;

    MemberService(MemberRepository members, TenantDsl tenantDsl, AccessControl access,
            MembershipRepository memberships, AuditLog auditLog) {
        this.auditLog = auditLog;
        this.members = members;
        this.memberships = memberships;
        this.tenantDsl = tenantDsl;
        this.access = access;
    }

    public List<Member> page(TenantScope scope, MemberFilter filter, PageRequest page) {
        return slice(scope, filter, page).items();
    }

    /** A page with each member's sort key, so the next page can be sought after any of them (keyset paging). */
    public Slice<Member> slice(TenantScope scope, MemberFilter filter, PageRequest page) {
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
        access.require(scope, Permissions.MEMBERS_CHANGE_ROLE);
        if (accountId.equals(scope.accountId())) {
            throw new MemberRuleException(Rule.SELF, Operation.CHANGE_ROLE);
        }
        DSLContext tenant = tenantDsl.of(scope);
        Parties parties = lockParties(scope, tenant, accountId, Permissions.MEMBERS_CHANGE_ROLE, roleId);
        Member target = parties.target();
        RoleSummary newRole = parties.handedOut().orElseThrow(() -> new MemberRuleException(Rule.NO_SUCH_ROLE));
        access.requireAssignable(parties.acting(), newRole);
        // The acting Owner's own row stays locked, so demoting another Owner always leaves one.
        if (target.owner() && !parties.acting().isOwner()) {
            throw new MemberRuleException(Rule.OWNER_ONLY, Operation.CHANGE_ROLE);
        }
        setRole(tenant, accountId, roleId);
        access.forgetWorkspace(scope.workspaceId());
        auditLog.record(scope, AuditActions.MEMBER_ROLE_CHANGED, target(target), Map.of("role", target.roleName()),
                Map.of("role", newRole.name()));
        return target.withRole(newRole);
    }

    @Transactional
    public void remove(TenantScope scope, UUID accountId) {
        access.require(scope, Permissions.MEMBERS_REMOVE);
        if (accountId.equals(scope.accountId())) {
            throw new MemberRuleException(Rule.SELF, Operation.REMOVE);
        }
        DSLContext tenant = tenantDsl.of(scope);
        Parties parties = lockParties(scope, tenant, accountId, Permissions.MEMBERS_REMOVE, null);
        Member target = parties.target();
        if (target.owner() && !parties.acting().isOwner()) {
            throw new MemberRuleException(Rule.OWNER_ONLY, Operation.REMOVE);
        }
        memberships.remove(tenant, scope.workspaceId(), accountId);
        access.forgetWorkspace(scope.workspaceId());
        auditLog.record(scope, AuditActions.MEMBER_REMOVED, target(target), Map.of("role", target.roleName()), null);
    }

    /** The acting member leaves the workspace; the last Owner cannot. */
    @Transactional
    public void leave(TenantScope scope) {
        UUID accountId = access.requireMember(scope);
        DSLContext tenant = tenantDsl.of(scope);
        int otherOwners = members.lockSelfAndOwners(tenant, accountId);
        Member self = existing(tenant, accountId);
        if (self.owner() && otherOwners == 0) {
            throw new MemberRuleException(Rule.LAST_OWNER);
        }
        auditLog.record(scope, AuditActions.MEMBER_LEFT, target(self), Map.of("role", self.roleName()), null);
        memberships.remove(tenant, scope.workspaceId(), accountId);
        access.forgetWorkspace(scope.workspaceId());
    }

    /**
     * The acting Owner makes another member Owner and becomes Admin. Only an Owner may, whatever a role holds: a
     * transfer never hands its maker a role they did not hold.
     */
    @Transactional
    public void transferOwnership(TenantScope scope, UUID toAccountId) {
        access.require(scope, Permissions.WORKSPACE_TRANSFER_OWNERSHIP);
        if (toAccountId.equals(scope.accountId())) {
            throw new MemberRuleException(Rule.SELF, Operation.TRANSFER);
        }
        DSLContext tenant = tenantDsl.of(scope);
        Parties parties = lockParties(scope, tenant, toAccountId, Permissions.WORKSPACE_TRANSFER_OWNERSHIP, null);
        if (!parties.acting().isOwner()) {
            throw new PermissionDeniedException(BuiltInRoles.OWNER, "member.transfer-owner-only");
        }
        Member heir = parties.target();
        setRole(tenant, toAccountId, members.roleIdByKey(tenant, BuiltInRoles.OWNER));
        setRole(tenant, scope.accountId(), members.roleIdByKey(tenant, BuiltInRoles.ADMIN));
        access.forgetWorkspace(scope.workspaceId());
        auditLog.record(scope, AuditActions.OWNERSHIP_TRANSFERRED, target(heir), Map.of("owner", parties.self().email()),
                Map.of("owner", heir.email()));
    }

    /** For the system telling the members who hold a permission (e.g. the webhook admins, by e-mail): who they are. */
    public List<Member> holdersBySystem(TenantScope system, String permission) {
        access.requireSystem(system);
        return members.withRoles(tenantDsl.of(system), access.rolesHoldingBySystem(system, permission));
    }

    /**
     * For a rule the system applies to members (SSO group mapping): locks these accounts' member rows until the
     * transaction ends, in account order — the order every member change locks in — and reads them again under the
     * lock. Accounts that are not members are missing from the result.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, Member> lockBySystem(TenantScope system, Collection<UUID> accountIds) {
        access.requireSystem(system);
        DSLContext tenant = tenantDsl.of(system);
        return members.lockAndFind(tenant, accountIds.toArray(UUID[]::new));
    }

    /**
     * The system gives a member, whose row {@link #lockBySystem} locked, another role on behalf of a rule (e.g. an SSO
     * group mapping), audited as {@code member.role_changed} with the system as the actor and the rule's
     * {@code details}. It never makes anyone Owner nor changes an Owner's role.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Member changeRoleBySystem(TenantScope system, UUID accountId, RoleSummary role, Map<String, ?> details) {
        access.requireSystem(system);
        DSLContext tenant = tenantDsl.of(system);
        Member target = existing(tenant, accountId);
        if (target.owner() || role.isOwner()) {
            throw new MemberRuleException(Rule.OWNER_ONLY, Operation.CHANGE_ROLE);
        }
        setRole(tenant, accountId, role.id());
        access.forgetWorkspace(system.workspaceId());
        Map<String, Object> after = new LinkedHashMap<>(details);
        after.put("role", role.name());
        auditLog.record(system, AuditActions.MEMBER_ROLE_CHANGED, target(target), Map.of("role", target.roleName()), after);
        return target.withRole(role);
    }

    /**
     * The acting member with their role, the member acted on, and the role being handed out (empty when there is none
     * or it is gone), as they are once their rows are locked.
     */
    private record Parties(Member self, RoleSummary acting, Member target, Optional<RoleSummary> handedOut) {
    }

    /**
     * Locks the acting member's role and the role being handed out, if any (shared, in id order), then the acting
     * member's and the target's rows (in account order, so that two requests cannot deadlock), and reads them as they
     * are once locked: what the cache or an earlier read said may have changed until the locks were granted. Until the
     * transaction ends, none of them can be changed or removed by anyone else.
     * <p>
     * The roles before the rows, as a role's deletion locks them (the role, then its holders' rows): the other way
     * round, this and the deletion of the acting member's role would each wait for the other. Should the acting
     * member's role change while this waits (its deletion moved them), the role they have now is locked in turn.
     * <p>
     * An API key acts with its own role, on its creator's authority: its permission check in this transaction locked
     * the key and its creator's row (shared) already, so only the target's row is locked here — locking the creator's
     * row again for update would deadlock two requests of keys by one creator.
     */
    private Parties lockParties(TenantScope scope, DSLContext tenant, UUID targetId, String permission,
            @Nullable UUID roleToHandOut) {
        boolean apiKey = scope.actor() instanceof Actor.ApiKey;
        Set<UUID> roleIds = new HashSet<>();
        if (roleToHandOut != null) {
            roleIds.add(roleToHandOut);
        }
        if (!apiKey) {
            members.find(tenant, scope.accountId()).ifPresent(unlocked -> roleIds.add(unlocked.roleId()));
        }
        Map<UUID, RoleSummary> lockedRoles;
        Map<UUID, Member> locked;
        Member self;
        do {
            lockedRoles = roleIds.isEmpty() ? Map.of() : access.lockRoles(scope, roleIds);
            locked = apiKey ? members.lockAndFind(tenant, targetId) : members.lockAndFind(tenant, scope.accountId(), targetId);
            self = (apiKey ? members.find(tenant, scope.accountId()) : Optional.ofNullable(locked.get(scope.accountId())))
                    .orElseThrow(PermissionDeniedException::noLongerMember);
        } while (!apiKey && roleIds.add(self.roleId()));
        RoleSummary acting = apiKey ? access.require(scope, permission)
                : access.require(Optional.ofNullable(lockedRoles.get(self.roleId())).orElseThrow(), permission);
        Member target = Optional.ofNullable(locked.get(targetId)).orElseThrow(() -> new MemberRuleException(Rule.NOT_A_MEMBER));
        return new Parties(self, acting, target, Optional.ofNullable(roleToHandOut).map(lockedRoles::get));
    }

    private static AuditTarget target(Member member) {
        return new AuditTarget("member", member.accountId().toString(), member.name() + " <" + member.email() + ">");
    }

    /** The row was locked and read just before; should it be gone anyway, nothing is changed. */
    private void setRole(DSLContext tenant, UUID accountId, UUID roleId) {
        if (members.setRole(tenant, accountId, roleId) == 0) {
            throw new MemberRuleException(Rule.NOT_A_MEMBER);
        }
    }

    private Member existing(DSLContext tenant, UUID accountId) {
        return members.find(tenant, accountId).orElseThrow(
                () -> new MemberRuleException(Rule.NOT_A_MEMBER));
    }
}
