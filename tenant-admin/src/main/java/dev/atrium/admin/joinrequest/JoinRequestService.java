package dev.atrium.admin.joinrequest;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.member.Memberships;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.sso.SsoPolicyService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.tenancy.TenantUnavailableException;

/**
 * Joining a workspace by a verified domain. Holders of {@code workspace.manage_sso} (who verify the domains) choose
 * the mode; members who may invite ({@code members.invite}) approve or deny requests, with a role they may grant. Only
 * an address the sign-in verified counts, and only a domain the workspace verified: no one learns of a workspace by
 * an address they could merely type. A workspace that requires its single sign-on for the domain is joined through it
 * (just in time), never by a request.
 * <p>
 * Locks are taken in a fixed order: the domain claim and the join setting (shared), the request, the roles and
 * granter's membership (shared), the new membership, and last the audit log. The database decides the races: one
 * pending request per person and workspace (a partial unique index), one decision per request (an update of a pending
 * row only), one membership (an insert that does nothing when the member exists).
 */
@Service
public class JoinRequestService {

    private final JoinRequestRepository requests;
    private final TenantBinder binder;
    private final AccessControl access;
    private final AccountService accounts;
    private final DomainService domains;
    private final RoleService roles;
    private final Memberships memberships;
    private final SsoPolicyService ssoPolicies;
    private final AuditLog auditLog;
    private final JoinOutcomeMails outcomeMails;
    private final Clock clock;

    JoinRequestService(JoinRequestRepository requests, TenantBinder binder, AccessControl access, AccountService accounts,
            DomainService domains, RoleService roles, Memberships memberships, SsoPolicyService ssoPolicies, AuditLog auditLog,
            JoinOutcomeMails outcomeMails, Clock clock) {
        this.requests = requests;
        this.binder = binder;
        this.access = access;
        this.accounts = accounts;
        this.domains = domains;
        this.roles = roles;
        this.memberships = memberships;
        this.ssoPolicies = ssoPolicies;
        this.auditLog = auditLog;
        this.outcomeMails = outcomeMails;
        this.clock = clock;
    }

    public JoinSetting setting(TenantScope scope) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        JoinRequestRepository.Setting setting = requests.setting(scope);
        return new JoinSetting(setting.mode(), setting.defaultRoleId());
    }

    /**
     * Sets how people of the verified domains join. Automatic mode needs a default role: never Owner, and one the
     * acting member may grant; every automatic join checks again that they still may.
     *
     * @throws JoinRequestException without a default role in automatic mode, or with Owner
     * @throws dev.atrium.admin.access.PermissionDeniedException when the role could do more than the acting member
     */
    @Transactional
    public JoinSetting saveSetting(TenantScope scope, JoinMode mode, @Nullable UUID defaultRoleId) {
        RoleSummary acting = access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        UUID roleId = mode == JoinMode.AUTOMATIC ? defaultRoleId : null;
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("joinMode", mode.name());
        if (mode == JoinMode.AUTOMATIC) {
            if (roleId == null) {
                throw new JoinRequestException("joinrequest.default-role-missing");
            }
            RoleSummary role = access.lockRole(scope, roleId).orElseThrow(() -> new JoinRequestException("joinrequest.role-gone"));
            if (role.isOwner()) {
                throw new JoinRequestException("joinrequest.owner-never");
            }
            access.requireAssignable(acting, role);
            after.put("joinDefaultRole", role.name());
        }
        JoinMode before = requests.lockSettingForChange(scope).mode();
        requests.saveSetting(scope, mode, roleId, access.requireMember(scope), now());
        auditLog.record(scope, AuditActions.WORKSPACE_SETTINGS_CHANGED, null, Map.of("joinMode", before.name()), after);
        return new JoinSetting(mode, roleId);
    }

    /**
     * The workspaces that verified the account's domain, offer joining and do not have it yet: none unless the
     * sign-in verified the address.
     */
    public List<JoinSuggestion> suggestions(UUID accountId) {
        Account account = accounts.find(accountId).orElseThrow();
        if (!account.emailVerified()) {
            return List.of();
        }
        Optional<String> domain = DomainService.domainOf(account.email());
        if (domain.isEmpty()) {
            return List.of();
        }
        return requests.offeredTo(domain.get(), accountId).stream().flatMap(offered -> {
            TenantScope system;
            try {
                system = binder.bindSystem(offered.workspaceId());
            } catch (TenantNotFoundException | TenantUnavailableException e) {
                return Stream.empty(); // A deleted workspace, or one whose schema failed to migrate, is offered to no one.
            }
            return Stream.of(new JoinSuggestion(offered.workspaceId(), offered.workspaceName(), offered.slug(), domain.get(), offered.mode(),
                    requests.hasPending(system, accountId), ssoPolicies.signInPath(system, account.email(), null).orElse(null)));
        }).toList();
    }

    /**
     * Asks to join the workspace that verified the account's domain: in request mode a pending request (one per person
     * and workspace; asking again changes nothing), in automatic mode a membership with the default role. When the
     * admin who chose the default role may no longer grant it, the person's ask becomes a request instead.
     *
     * @throws JoinRequestException when the workspace does not offer joining to this account ({@code joinrequest.not-offered}),
     *         requires its single sign-on ({@code joinrequest.sso-required}), or has the account already
     */
    @Transactional
    public JoinResult requestToJoin(UUID accountId, UUID workspaceId) {
        Account account = accounts.find(accountId).orElseThrow();
        TenantScope system = binder.bindSystem(workspaceId);
        if (!account.emailVerified() || !domains.verifiesAddress(system, account.email())) {
            throw new JoinRequestException("joinrequest.not-offered");
        }
        JoinRequestRepository.Setting setting = requests.lockSetting(system);
        if (setting.mode() == JoinMode.OFF) {
            throw new JoinRequestException("joinrequest.not-offered");
        }
        if (ssoPolicies.signInPath(system, account.email(), null).isPresent()) {
            throw new JoinRequestException("joinrequest.sso-required", system.workspaceName());
        }
        if (memberships.isMember(system, accountId)) {
            throw new JoinRequestException("joinrequest.already-member", system.workspaceName());
        }
        AuditTarget person = person(account.id(), account.email());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("accountId", accountId.toString());
        details.put("email", account.email());
        if (setting.mode() == JoinMode.AUTOMATIC) {
            Optional<RoleSummary> role = automaticRole(system, setting);
            if (role.isPresent()) {
                if (memberships.joinThroughConnection(system, accountId, role.get().id())) {
                    details.put("role", role.get().name());
                    auditLog.record(system, AuditActions.JOINREQUEST_JOINED_AUTOMATICALLY, person, null, details);
                    auditLog.record(system, AuditActions.MEMBER_JOINED, person, null, Map.of("role", role.get().name(),
                            "via", "join-request"));
                }
                return JoinResult.JOINED;
            }
            details.put("fallback", "default-role-no-longer-grantable");
        }
        if (requests.insertPending(system, accountId, account.email(), now())) {
            auditLog.record(system, AuditActions.JOINREQUEST_CREATED, person, null, details);
        }
        return JoinResult.REQUESTED;
    }

    /** The default role, while the admin who chose it may still grant it (read under lock) and it is not Owner. */
    private Optional<RoleSummary> automaticRole(TenantScope system, JoinRequestRepository.Setting setting) {
        UUID roleId = setting.defaultRoleId();
        UUID setBy = setting.setBy();
        if (roleId == null || setBy == null || !access.canAssignNow(system, setBy, roleId)) {
            return Optional.empty();
        }
        return access.lockRole(system, roleId).filter(role -> !role.isOwner());
    }

    /** Requests waiting for an answer, oldest first. */
    public List<PendingJoinRequest> pending(TenantScope scope) {
        access.require(scope, Permissions.MEMBERS_INVITE);
        return requests.pending(scope);
    }

    /**
     * Makes the requester a member with the role: never Owner, and one the acting member may grant (read under lock).
     * When the person joined meanwhile (invitation, single sign-on) the request is approved and they keep their role.
     * The requester is e-mailed the outcome with a link to the workspace, queued in this transaction.
     *
     * @throws JoinRequestException when the request is gone or decided already, or the role is Owner
     */
    @Transactional
    public void approve(TenantScope scope, UUID requestId, UUID roleId) {
        access.require(scope, Permissions.MEMBERS_INVITE);
        UUID approver = access.requireMember(scope);
        JoinRequestRepository.Request request = lockPending(scope, requestId);
        // With the approver's role, in one statement: as a deletion of either locks both (see AccessControl.lockToGive).
        RoleSummary role = access.lockToGive(scope, () -> Optional.of(new AccessControl.Grant(roleId, approver)), Set.of())
                .orElseThrow(() -> new JoinRequestException("joinrequest.role-gone"));
        if (role.isOwner()) {
            throw new JoinRequestException("joinrequest.owner-never");
        }
        if (!access.canAssignNow(scope, approver, roleId)) {
            throw new JoinRequestException("joinrequest.role-not-grantable", role.name());
        }
        boolean joined = memberships.joinThroughConnection(binder.bindSystem(scope.workspaceId()), request.accountId(), roleId);
        if (!requests.decide(scope, requestId, JoinRequestRepository.APPROVED, role.name(), approver, now())) {
            throw new JoinRequestException("joinrequest.already-decided");
        }
        AuditTarget person = person(request.accountId(), request.email());
        auditLog.record(scope, AuditActions.JOINREQUEST_APPROVED, person, Map.of("status", JoinRequestRepository.PENDING),
                Map.of("status", JoinRequestRepository.APPROVED, "role", role.name(), "joined", joined));
        if (joined) {
            auditLog.record(scope, AuditActions.MEMBER_JOINED, person, null, Map.of("role", role.name(), "via", "join-request"));
        }
        outcomeMails.queueApproved(scope, request, role.name());
    }

    /**
     * Denies the request; the requester is e-mailed the outcome, queued in this transaction.
     *
     * @throws JoinRequestException when the request is gone or decided already
     */
    @Transactional
    public void deny(TenantScope scope, UUID requestId) {
        access.require(scope, Permissions.MEMBERS_INVITE);
        UUID denier = access.requireMember(scope);
        JoinRequestRepository.Request request = lockPending(scope, requestId);
        if (!requests.decide(scope, requestId, JoinRequestRepository.DENIED, null, denier, now())) {
            throw new JoinRequestException("joinrequest.already-decided");
        }
        auditLog.record(scope, AuditActions.JOINREQUEST_DENIED, person(request.accountId(), request.email()),
                Map.of("status", JoinRequestRepository.PENDING), Map.of("status", JoinRequestRepository.DENIED));
        outcomeMails.queueDenied(scope, request);
    }

    /** The outcomes of the account's requests it has not seen yet; once returned, they are seen. */
    @Transactional
    public List<JoinOutcome> takeOutcomes(UUID accountId) {
        List<JoinOutcome> outcomes = requests.lockUnseenOutcomes(accountId);
        requests.markOutcomesSeen(accountId);
        return outcomes;
    }

    private JoinRequestRepository.Request lockPending(TenantScope scope, UUID requestId) {
        JoinRequestRepository.Request request = requests.lock(scope, requestId)
                .orElseThrow(() -> new JoinRequestException("joinrequest.gone"));
        if (!JoinRequestRepository.PENDING.equals(request.status())) {
            throw new JoinRequestException("joinrequest.already-decided");
        }
        return request;
    }

    private static AuditTarget person(UUID accountId, String email) {
        return new AuditTarget("account", accountId.toString(), email);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
