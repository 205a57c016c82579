package dev.atrium.admin.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.account.Account;
import dev.atrium.admin.account.AccountService;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.member.Memberships;
import dev.atrium.admin.ratelimit.RateLimit;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.ratelimit.RateLimiter;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.workspace.WorkspaceNames.Field;
import dev.atrium.admin.workspace.WorkspaceNames.FieldProblem;

/** Creating workspaces, listing an account's workspaces and what a workspace's home page shows. */
@Service
public class WorkspaceService {

    private final WorkspaceRepository workspaces;
    private final TenantProvisioner provisioner;
    private final TenantDsl tenantDsl;
    private final Memberships memberships;
    private final TenantBinder binder;
    private final AuditLog auditLog;
    private final AccessControl access;
    private final RateLimiter rateLimiter;
    private final AccountService accounts;

    WorkspaceService(WorkspaceRepository workspaces, TenantProvisioner provisioner, TenantDsl tenantDsl,
            Memberships memberships, TenantBinder binder, AuditLog auditLog, AccessControl access, RateLimiter rateLimiter,
            AccountService accounts) {
        this.accounts = accounts;
        this.binder = binder;
        this.rateLimiter = rateLimiter;
        this.auditLog = auditLog;
        this.access = access;
        this.workspaces = workspaces;
        this.memberships = memberships;
        this.provisioner = provisioner;
        this.tenantDsl = tenantDsl;
    }

    /**
     * Creates a workspace with its own schema and built-in roles, and makes the account its Owner; all or nothing.
     *
     * @throws WorkspaceValidationException when the name or address is unacceptable or the address is taken
     * @throws RateLimitExceededException when the account has created as many workspaces as allowed per day
     */
    public WorkspaceSummary create(UUID ownerAccountId, String name, String slug) {
        String normalizedName = WorkspaceNames.normalizeName(name);
        List<FieldProblem> problems = WorkspaceNames.problems(normalizedName, slug);
        if (!problems.isEmpty()) {
            throw new WorkspaceValidationException(problems);
        }
        rateLimiter.take(RateLimit.WORKSPACES_CREATED, ownerAccountId, 1);
        try {
            return create(ownerAccountId, normalizedName, slug, null);
        } catch (RuntimeException failed) {
            rateLimiter.giveBack(RateLimit.WORKSPACES_CREATED, ownerAccountId, 1);
            throw failed;
        }
    }

    /**
     * Creates a workspace on a platform API key's authority (the REST API's {@code POST /api/v1/workspaces}) and makes
     * the account whose verified e-mail is {@code ownerEmail} its Owner; all or nothing, with the rules of
     * {@link #create(UUID, String, String)}. The key is the actor of the workspace's first audit event. The owner's
     * daily allowance is not taken (the owner did not ask); the key's own request allowance applies. An address with
     * no account is refused rather than invited: a workspace always has an Owner who is a member.
     *
     * @param slug null for the one the name suggests
     * @throws WorkspaceValidationException with every problem of name, address and owner at once, or when the address is
     * taken (code {@code workspace.slug.taken})
     */
    public CreatedWorkspace createFor(Actor.ApiKey platformKey, String name, @Nullable String slug, @Nullable String ownerEmail) {
        String normalizedName = WorkspaceNames.normalizeName(name == null ? "" : name);
        String chosenSlug = slug == null ? WorkspaceNames.suggestSlug(normalizedName) : slug;
        List<FieldProblem> problems = new ArrayList<>(WorkspaceNames.problems(normalizedName, chosenSlug));
        Optional<UUID> owner = Optional.empty();
        if (ownerEmail == null || ownerEmail.isBlank()) {
            problems.add(new FieldProblem(Field.OWNER, Reason.of("workspace.owner.missing")));
        } else if (InvitationService.addressProblem(ownerEmail.strip()).isPresent()) {
            // Checked before the lookup: the database refuses some text (NUL), and the refusal does not echo it.
            problems.add(new FieldProblem(Field.OWNER, Reason.of("workspace.owner.invalid")));
        } else {
            owner = accounts.findByVerifiedEmail(ownerEmail.strip()).map(Account::id);
            if (owner.isEmpty()) {
                problems.add(new FieldProblem(Field.OWNER, Reason.of("workspace.owner.no-account", ownerEmail.strip())));
            }
        }
        if (!problems.isEmpty()) {
            throw new WorkspaceValidationException(problems);
        }
        UUID ownerAccountId = owner.orElseThrow();
        return new CreatedWorkspace(create(ownerAccountId, normalizedName, chosenSlug, platformKey), ownerAccountId);
    }

    /** A workspace whose name and address passed the rules; its first audit event's actor is the key, or else the owner. */
    private WorkspaceSummary create(UUID ownerAccountId, String normalizedName, String slug, Actor.@Nullable ApiKey platformKey) {
        UUID id = UUID.randomUUID();
        try {
            return provisioner.provision(id, tenant -> {
                WorkspaceSummary created = workspaces.insert(id, slug, normalizedName,
                        TenantProvisioner.schemaNameFor(id), ownerAccountId);
                memberships.found(tenant, id, ownerAccountId);
                TenantScope creator = binder.bindBeingCreated(id, slug, normalizedName,
                        platformKey == null ? new Actor.Member(ownerAccountId) : platformKey);
                auditLog.record(creator, AuditActions.WORKSPACE_CREATED,
                        new AuditTarget("workspace", id.toString(), normalizedName), null, Map.of("name", normalizedName, "slug", slug));
                return created;
            });
        } catch (DuplicateKeyException takenSlug) {
            // The registry's unique slug decides, also between two creations at once; a check before would cost a round trip.
            throw slugTaken(slug);
        }
    }

    /**
     * Renames the workspace; its address stays, so links keep working.
     *
     * @throws WorkspaceValidationException when the name is not acceptable
     */
    @Transactional
    public WorkspaceSummary rename(TenantScope scope, String name) {
        access.require(scope, Permissions.WORKSPACE_SETTINGS);
        String normalizedName = WorkspaceNames.normalizeName(name);
        List<FieldProblem> problems = WorkspaceNames.problems(normalizedName, scope.slug()).stream()
                .filter(problem -> problem.field() == Field.NAME).toList();
        if (!problems.isEmpty()) {
            throw new WorkspaceValidationException(problems);
        }
        String before = workspaces.lockName(scope.workspaceId());
        workspaces.rename(scope.workspaceId(), normalizedName);
        auditLog.record(scope, AuditActions.WORKSPACE_RENAMED, new AuditTarget("workspace", scope.workspaceId().toString(), normalizedName),
                Map.of("name", before), Map.of("name", normalizedName));
        return new WorkspaceSummary(scope.workspaceId(), scope.slug(), normalizedName);
    }

    /** The workspaces the account is a member of, by name. */
    public List<WorkspaceSummary> workspacesOf(UUID accountId) {
        return workspaces.ofAccount(accountId);
    }

    /** Where to take a signed-in account: its last workspace if it is still a member, else its first one. */
    public Optional<WorkspaceSummary> landingWorkspace(UUID accountId) {
        return workspaces.lastVisited(accountId).or(() -> workspaces.ofAccount(accountId).stream().findFirst());
    }

    /** Remembers the workspace as the account's last one, so the next sign-in lands there. */
    @Transactional
    public void recordVisit(TenantScope scope) {
        workspaces.recordVisit(tenantDsl.of(scope), scope.workspaceId(), access.requireMember(scope));
    }

    public WorkspaceOverview overview(TenantScope scope) {
        return workspaces.overview(tenantDsl.of(scope), scope.workspaceId(), access.requireMember(scope));
    }

    private static WorkspaceValidationException slugTaken(String slug) {
        return new WorkspaceValidationException(List.of(new FieldProblem(Field.SLUG, Reason.of("workspace.slug.taken", slug))));
    }
}
