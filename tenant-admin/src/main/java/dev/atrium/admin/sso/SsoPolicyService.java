package dev.atrium.admin.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.domain.DomainService;
import dev.atrium.admin.domain.WorkspaceDomain;
import dev.atrium.admin.invitation.InvitationSteering;
import dev.atrium.admin.member.Member;
import dev.atrium.admin.member.MemberService;
import dev.atrium.admin.member.Memberships;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.sso.GroupRoleOutcome.Result;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.tenancy.WorkspaceBinding;
import dev.atrium.admin.text.DisplayText;

/**
 * The workspace's SSO policies, for holders of {@code workspace.manage_sso}, and what they decide at sign-in and when
 * a workspace is opened (README: SSO required and MFA; Group-to-role mapping).
 * <ul>
 * <li>"Require SSO" and "Require multi-factor" apply to members whose e-mail domain the workspace verified, and only
 * while its connection is enabled: both are decided at request time, so they pause by themselves when the domain is
 * no longer verified or the connection is disabled or deleted. Turning one on needs an enabled connection (and "Require
 * SSO" a verified domain), so that an admin sees at once when it would do nothing.</li>
 * <li>Owners keep a way in without the connection (break-glass), audited once per session.</li>
 * <li>Group mappings never grant Owner nor more than the admin who configured the row may grant at the moment they are
 * applied; they never change an Owner, and leave a member whose groups match no row as they are.</li>
 * </ul>
 * Every change locks what it reads and is audited with before and after in its transaction.
 */
@Service
public class SsoPolicyService implements InvitationSteering {

    public static final String DEFAULT_GROUP_CLAIM = "groups";
    static final int MAX_VALUE_LENGTH = 256;
    static final int MAX_MFA_VALUES = 20;

    private final SsoPolicyRepository policies;
    private final SsoConnectionRepository connections;
    private final TenantDsl tenantDsl;
    private final TenantBinder binder;
    private final AccessControl access;
    private final RoleService roles;
    private final MemberService members;
    private final DomainService domains;
    private final Memberships memberships;
    private final AuditLog auditLog;
    private final TransactionTemplate transaction;
    private final Clock clock;

    SsoPolicyService(SsoPolicyRepository policies, SsoConnectionRepository connections, TenantDsl tenantDsl, TenantBinder binder,
            AccessControl access, RoleService roles, MemberService members, DomainService domains, Memberships memberships,
            AuditLog auditLog, PlatformTransactionManager transactionManager, Clock clock) {
        this.policies = policies;
        this.connections = connections;
        this.tenantDsl = tenantDsl;
        this.binder = binder;
        this.access = access;
        this.roles = roles;
        this.members = members;
        this.domains = domains;
        this.memberships = memberships;
        this.auditLog = auditLog;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** The policies and group mappings. */
    public SsoPolicy policy(TenantScope scope) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        DSLContext tenant = tenantDsl.of(scope);
        return toPolicy(scope, policies.settings(tenant), policies.mappings(tenant));
    }

    /**
     * Changes the policies. Turning "Require SSO" on needs an enabled connection and a verified domain; turning
     * "Require multi-factor" on needs an enabled connection. Unchanged values are not checked again.
     *
     * @throws SsoException for invalid input or a missing precondition; nothing is changed
     */
    public SsoPolicy save(TenantScope scope, SsoPolicyDraft draft) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        List<String> mfaValues = mfaValues(draft.mfaValues());
        if (draft.requireMfa() && mfaValues.isEmpty()) {
            throw new SsoException("sso.policy-mfa-values-missing");
        }
        String groupClaim = draft.groupClaim().isBlank() ? DEFAULT_GROUP_CLAIM : value(draft.groupClaim(), "sso.policy-group-claim-invalid");
        SsoPolicyRepository.Settings wanted = new SsoPolicyRepository.Settings(draft.requireSso(), draft.requireMfa(),
                draft.mfaPreset(), mfaValues, groupClaim);
        return transaction.execute(status -> {
            DSLContext tenant = tenantDsl.of(scope);
            SsoPolicyRepository.Settings before = policies.lockSettings(tenant);
            boolean enabledConnection = connections.find(scope).filter(SsoConnection::enabled).isPresent();
            if ((wanted.requireSso() && !before.requireSso() || wanted.requireMfa() && !before.requireMfa()) && !enabledConnection) {
                throw new SsoException("sso.policy-needs-enabled-connection");
            }
            if (wanted.requireSso() && !before.requireSso() && domains.domains(scope).stream().noneMatch(WorkspaceDomain::verified)) {
                throw new SsoException("sso.policy-needs-verified-domain");
            }
            if (!policies.update(tenant, wanted, now())) {
                throw new SsoException("sso.policy-changed-meanwhile");
            }
            SsoPolicyRepository.Settings after = policies.settings(tenant);
            if (!after.equals(before)) {
                auditLog.record(scope, AuditActions.SSO_POLICY_CHANGED, POLICY_TARGET, audited(before), audited(after));
            }
            return toPolicy(scope, after, policies.mappings(tenant));
        });
    }

    /** The roles the acting admin may map a group to: what they may hand out, never Owner. */
    public List<RoleSummary> mappableRoles(TenantScope scope) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        return roles.assignableRoles(scope).stream().filter(role -> !role.isOwner()).toList();
    }

    /**
     * Maps a group value to a role; the acting admin is remembered as the row's configurer.
     *
     * @throws SsoException for a blank or too long group, a group mapped already, a role that is gone or Owner
     * @throws dev.atrium.admin.access.PermissionDeniedException for a role the acting admin may not grant
     *         ({@code access.role-beyond-own-role})
     */
    public GroupRoleMapping addMapping(TenantScope scope, String typedGroup, UUID roleId) {
        RoleSummary acting = access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        String group = value(typedGroup, "sso.policy-group-invalid");
        return transaction.execute(status -> {
            // Locked (shared) until the row is in: a deletion of the role waits and then takes the row along; one that
            // went first leaves the role gone, a typed refusal rather than the row's foreign key failing.
            RoleSummary role = access.lockRole(scope, roleId).orElseThrow(() -> new SsoException("sso.policy-mapping-role-gone"));
            if (role.isOwner()) {
                throw new SsoException("sso.policy-mapping-owner");
            }
            access.requireAssignable(acting, role);
            DSLContext tenant = tenantDsl.of(scope);
            UUID id = policies.insert(tenant, group, role.id(), scope.accountId(), now())
                    .orElseThrow(() -> new SsoException("sso.policy-group-taken", group));
            GroupRoleMapping added = policies.mapping(tenant, id).orElseThrow();
            auditLog.record(scope, AuditActions.SSO_GROUP_MAPPING_ADDED, target(added), null, audited(added));
            return added;
        });
    }

    public void removeMapping(TenantScope scope, UUID mappingId) {
        access.require(scope, Permissions.WORKSPACE_MANAGE_SSO);
        transaction.executeWithoutResult(status -> {
            DSLContext tenant = tenantDsl.of(scope);
            GroupRoleMapping mapping = policies.mapping(tenant, mappingId).orElseThrow(() -> new SsoException("sso.policy-mapping-gone"));
            if (!policies.delete(tenant, mappingId)) {
                throw new SsoException("sso.policy-mapping-gone");
            }
            auditLog.record(scope, AuditActions.SSO_GROUP_MAPPING_REMOVED, target(mapping), audited(mapping), null);
        });
    }

    /**
     * The ID token claim or SAML attribute whose values are the person's groups ({@link SsoIdentity#groups()}): for
     * the sign-in flows, which know the workspace by its connection before anything is bound.
     */
    public String groupClaim(UUID workspaceId) {
        return policies.settings(tenantDsl.of(binder.bindSystem(workspaceId))).groupClaim();
    }

    /**
     * Whether a sign-in carried multi-factor authentication: one of the IdP's authentication methods (OIDC {@code amr}
     * values and {@code acr}, SAML {@code AuthnContextClassRef}) is one of the workspace's accepted values, compared
     * exactly. For the sign-in flows (any scope); the result goes into {@link SsoSession#multiFactor()}.
     */
    public boolean multiFactor(TenantScope scope, List<String> authenticationMethods) {
        List<String> accepted = policies.settings(tenantDsl.of(scope)).mfaValues();
        return authenticationMethods.stream().anyMatch(accepted::contains);
    }

    /**
     * Applies the group mappings to a member at sign-in, as the system ({@code systemScope}). Of the rows whose group
     * is among {@code groups}, those whose configurer may still grant their role (read under lock now) are eligible;
     * the member gets the strongest of their roles (most permissions; on a tie, the first group by name). Rows whose
     * configurer may no longer grant their role are skipped and audited. An Owner, a member matching no row, and a
     * member whose role is already the one chosen are left unchanged.
     * <p>
     * Locks, in this order: the roles the matching rows name and those the member and the configurers hold (shared, in
     * one statement in id order, as a role's deletion locks its two, and again if a deletion moved them meanwhile), the
     * matching rows (shared), the member's and the configurers' member rows (in account order, as every member change),
     * then the roles once more, read after every lock.
     */
    public GroupRoleOutcome applyGroupRoles(TenantScope systemScope, UUID accountId, List<String> groups) {
        access.requireSystem(systemScope);
        // One no mapping could name is left out: one with a NUL would make PostgreSQL fail the look-up.
        Set<String> nameable = groups.stream().filter(SsoPolicyService::nameable).collect(Collectors.toSet());
        if (nameable.isEmpty()) {
            return new GroupRoleOutcome(Result.NO_MATCH, null);
        }
        return transaction.execute(status -> {
            DSLContext tenant = tenantDsl.of(systemScope);
            // The roles first, as a role's deletion locks them before the members it moves and the mappings it takes
            // along: the mappings' roles and those their configurers and the member hold, in one statement.
            access.lockReferencedRoles(systemScope, () -> references(policies.matching(tenant, nameable), accountId));
            List<SsoPolicyRepository.Row> rows = policies.lockMatching(tenant, nameable);
            if (rows.isEmpty()) {
                return new GroupRoleOutcome(Result.NO_MATCH, null);
            }
            Set<UUID> accounts = new LinkedHashSet<>();
            accounts.add(accountId);
            rows.forEach(row -> accounts.add(row.configuredBy()));
            Map<UUID, Member> locked = members.lockBySystem(systemScope, accounts);
            Member target = locked.get(accountId);
            if (target == null) {
                return new GroupRoleOutcome(Result.NOT_A_MEMBER, null);
            }
            if (target.owner()) {
                return new GroupRoleOutcome(Result.OWNER, target.roleName());
            }
            Set<UUID> roleIds = new HashSet<>();
            rows.forEach(row -> roleIds.add(row.roleId()));
            locked.values().forEach(member -> roleIds.add(member.roleId()));
            Map<UUID, RoleSummary> lockedRoles = access.lockRoles(systemScope, roleIds);
            String connection = connections.find(systemScope).map(SsoConnection::issuer).orElse("");
            List<Eligible> eligible = new ArrayList<>();
            for (SsoPolicyRepository.Row row : rows) {
                RoleSummary role = lockedRoles.get(row.roleId());
                Member configurer = locked.get(row.configuredBy());
                RoleSummary configurerRole = configurer == null ? null : lockedRoles.get(configurer.roleId());
                if (role != null && !role.isOwner() && configurerRole != null && access.canAssign(configurerRole, role)) {
                    eligible.add(new Eligible(row, role));
                } else {
                    auditLog.record(systemScope, AuditActions.SSO_GROUP_MAPPING_SKIPPED, memberTarget(target), null,
                            mappingDetails(row, connection, role == null ? row.roleId().toString() : role.name(),
                                    configurer == null ? "configurer-not-a-member" : "configurer-may-not-grant"));
                }
            }
            if (eligible.isEmpty()) {
                return new GroupRoleOutcome(Result.SKIPPED, target.roleName());
            }
            Eligible chosen = eligible.stream().min(STRONGEST_FIRST).orElseThrow();
            if (chosen.role().id().equals(target.roleId())) {
                return new GroupRoleOutcome(Result.UNCHANGED, target.roleName());
            }
            Member changed = members.changeRoleBySystem(systemScope, accountId, chosen.role(),
                    mappingDetails(chosen.row(), connection, null, null));
            return new GroupRoleOutcome(Result.CHANGED, changed.roleName());
        });
    }

    /** The roles a sign-in's mappings decide on: the rows' roles, and the roles of their configurers and the member. */
    private static AccessControl.RoleReferences references(List<SsoPolicyRepository.Row> rows, UUID accountId) {
        if (rows.isEmpty()) {
            return AccessControl.RoleReferences.NONE;
        }
        Set<UUID> accounts = new HashSet<>(List.of(accountId));
        rows.forEach(row -> accounts.add(row.configuredBy()));
        return new AccessControl.RoleReferences(rows.stream().map(SsoPolicyRepository.Row::roleId).collect(Collectors.toSet()), accounts);
    }

    /** A matching row whose configurer may grant its role. */
    private record Eligible(SsoPolicyRepository.Row row, RoleSummary role) {
    }

    private static final Comparator<Eligible> STRONGEST_FIRST = Comparator
            .<Eligible>comparingInt(e -> -e.role().permissions().size())
            .thenComparing(e -> e.row().group());

    /**
     * Whether the signed-in member may open the workspace with this session (README: SSO required and MFA). Decided
     * now, from the policies, the connection and the verified domains as they are. An Owner whom a policy would stop is
     * let in ({@link SsoEntry#BREAK_GLASS}) and the use is audited ({@code sso.break_glass_used}) once per session.
     */
    public SsoEntry entry(TenantScope scope, SsoEntryFacts facts) {
        DSLContext tenant = tenantDsl.of(scope);
        SsoPolicyRepository.Settings settings = policies.settings(tenant);
        if (!settings.requireSso() && !settings.requireMfa()) {
            return SsoEntry.ALLOW;
        }
        Optional<SsoConnection> connection = connections.find(scope).filter(SsoConnection::enabled);
        if (connection.isEmpty() || !governed(scope, facts.email())) {
            return SsoEntry.ALLOW;
        }
        SsoSession session = facts.sso();
        boolean throughConnection = session != null && session.workspaceId().equals(scope.workspaceId())
                && session.connectionId().equals(connection.get().id());
        SsoEntry needed = settings.requireSso() && !throughConnection ? SsoEntry.SSO_REQUIRED
                : settings.requireMfa() && !(throughConnection && session.multiFactor()) ? SsoEntry.MFA_REQUIRED
                : SsoEntry.ALLOW;
        if (needed == SsoEntry.ALLOW || !access.roleOf(scope).isOwner()) {
            return needed;
        }
        transaction.executeWithoutResult(status -> {
            if (policies.recordBreakGlass(tenant, sessionKey(facts.sessionId()), scope.accountId(), now())) {
                auditLog.record(scope, AuditActions.SSO_BREAK_GLASS_USED, POLICY_TARGET, null, Map.of("instead", needed.name()));
            }
        });
        return SsoEntry.BREAK_GLASS;
    }

    /**
     * Whom the policies bind: a member whose address is in a domain the workspace verified, and, while one is verified,
     * a member who has ever signed in through the workspace's connection, whatever their address says now. An app-wide provider's
     * address follows the person's account there, which they may change to a personal one; leaving the company's
     * identity provider must still end their way in.
     */
    private boolean governed(TenantScope scope, String email) {
        return domains.inVerifiedDomain(scope, email)
                || domains.hasVerified(scope) && memberships.signedInThroughConnection(scope, scope.accountId());
    }

    /**
     * Invitations to an address in a domain the workspace verified are taken up through its connection while "Require
     * SSO" is on and the connection is enabled (the sign-in's just-in-time join consumes the invitation).
     */
    @Override
    public Optional<String> signInPath(WorkspaceBinding workspace, String invitedEmail, @Nullable UUID sessionConnectionId) {
        if (!policies.settings(tenantDsl.of(workspace)).requireSso()) {
            return Optional.empty();
        }
        return connections.find(workspace).filter(SsoConnection::enabled)
                .filter(connection -> !connection.id().equals(sessionConnectionId))
                .filter(connection -> domains.inVerifiedDomain(workspace, invitedEmail))
                .map(connection -> ssoPath(workspace.slug()));
    }

    /** Where a person signs in through the workspace's connection. */
    public static String ssoPath(String slug) {
        return "/sso/" + slug;
    }

    /** A session's id is a credential: only its hash is stored. */
    private static byte[] sessionKey(String sessionId) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Distinct values in the order typed. */
    static List<String> mfaValues(String typed) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : typed.split("[\\s,]+")) {
            if (!value.isEmpty()) {
                values.add(value(value, "sso.policy-mfa-value-invalid"));
            }
        }
        if (values.size() > MAX_MFA_VALUES) {
            throw new SsoException("sso.policy-too-many-mfa-values", MAX_MFA_VALUES);
        }
        return List.copyOf(values);
    }

    /** A claim name, group or accepted value: printable, without spaces, at most 256 characters. */
    private static String value(String typed, String invalidCode) {
        String value = typed.strip();
        if (!nameable(value)) {
            throw new SsoException(invalidCode, DisplayText.abbreviate(value, DisplayText.MAX_ECHOED_LENGTH), MAX_VALUE_LENGTH);
        }
        return value;
    }

    /** Whether a policy may name the value (a group, a claim, an MFA value): no space or control character, not too long. */
    private static boolean nameable(String value) {
        return !value.isEmpty() && value.length() <= MAX_VALUE_LENGTH && value.codePoints().allMatch(c -> c > 0x20 && c != 0x7F);
    }

    private static final AuditTarget POLICY_TARGET = new AuditTarget("sso_policy", "sso_policy", "SSO policy");

    private static Map<String, Object> audited(SsoPolicyRepository.Settings settings) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("requireSso", settings.requireSso());
        values.put("requireMfa", settings.requireMfa());
        values.put("mfaPreset", settings.mfaPreset().name());
        values.put("mfaValues", settings.mfaValues());
        values.put("groupClaim", settings.groupClaim());
        return values;
    }

    private static Map<String, Object> audited(GroupRoleMapping mapping) {
        return Map.of("group", mapping.group(), "role", mapping.roleName(), "configuredBy", mapping.configuredByName());
    }

    /** What a change by a mapping says about it: the system acted through the connection, by this row. */
    private static Map<String, Object> mappingDetails(SsoPolicyRepository.Row row, String connection, @Nullable String role,
            @Nullable String skipped) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("via", "sso_connection");
        details.put("connection", connection);
        details.put("group", row.group());
        details.put("configuredBy", row.configuredBy().toString());
        if (role != null) {
            details.put("role", role);
        }
        if (skipped != null) {
            details.put("skipped", skipped);
        }
        return details;
    }

    private static AuditTarget target(GroupRoleMapping mapping) {
        return new AuditTarget("sso_group_mapping", mapping.id().toString(), mapping.group());
    }

    private static AuditTarget memberTarget(Member member) {
        return new AuditTarget("member", member.accountId().toString(), member.name() + " <" + member.email() + ">");
    }

    private SsoPolicy toPolicy(TenantScope scope, SsoPolicyRepository.Settings settings, List<GroupRoleMapping> mappings) {
        boolean enforceable = connections.find(scope).filter(SsoConnection::enabled).isPresent()
                && domains.domains(scope).stream().anyMatch(WorkspaceDomain::verified);
        return new SsoPolicy(settings.requireSso(), settings.requireMfa(), settings.mfaPreset(), settings.mfaValues(),
                settings.groupClaim(), mappings, (settings.requireSso() || settings.requireMfa()) && !enforceable);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
