package dev.atrium.admin.access;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;

import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.CacheGenerations;
import dev.atrium.admin.tenancy.CacheInvalidations;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * What the scope's actor may do in the bound workspace. A {@linkplain Actor.Member member} may do what their role
 * holds. The {@linkplain Actor.System system} passes no permission check here: the operations the system performs
 * (delivering queued e-mails, the audit purge and checkpoints) take a system scope and check that instead
 * ({@link #requireSystem}), and no request can obtain one (see {@code TenantBinder}). An {@linkplain Actor.ApiKey API
 * key} acts with the role it was given, read from the database at every check: a revoked or expired key passes none,
 * and neither does one whose creator could no longer give its role ({@link #roleOf}).
 * <p>
 * Services call {@link #require} before every operation;
 * views only ask {@link #has} to hide what the service would refuse. Each member's role is cached per
 * (workspace, account) and forgotten as soon as a change to it commits — on every application node, told through
 * {@link CacheInvalidations} (PostgreSQL's NOTIFY, sent in the change's transaction); the expiry only bounds how
 * stale a node can be should it miss that.
 * <p>
 * Forgetting bumps the workspace's generation ({@link CacheGenerations}), which is part of every cache key, before the
 * change and again when its transaction ends, so a load that read the database in between is left behind too.
 * <p>
 * A deleted workspace passes no check, though a page opened before the deletion still holds its scope: a load reads
 * whether it is deleted (deleting forgets the workspace, on every node), and in a transaction that may write, every
 * check reads the workspace's row again under the binder's shared lock ({@link TenantBinder#requireNotDeleted}),
 * before any tenant row is locked, so nothing such a transaction changes commits after the deletion did.
 */
@Service
public class AccessControl {

    private record Key(UUID workspaceId, long generation, UUID accountId) {
    }

    /** The permission named in a refusal of a system actor where a member's is needed, and the other way round. */
    public static final String SYSTEM = "actor.system";
    /** The permission named in a refusal of an API key that cannot act (revoked, expired, its creator's rights gone). */
    public static final String API_KEY = "actor.api-key";

    /** The kind of {@link CacheInvalidations} this cache listens to. */
    static final String CACHE = "permissions";

    private final MemberRoleRepository roles;
    private final TenantDsl tenantDsl;
    private final TenantBinder binder;
    private final Clock clock;
    private final Cache<Key, RoleSummary> roleByMember = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .recordStats()
            .build();
    private final CacheGenerations generations;

    AccessControl(MemberRoleRepository roles, TenantDsl tenantDsl, TenantBinder binder, CacheInvalidations invalidations, Clock clock,
            ObjectProvider<MeterRegistry> meters) {
        this.roles = roles;
        this.tenantDsl = tenantDsl;
        this.binder = binder;
        this.generations = new CacheGenerations(CACHE, invalidations);
        this.clock = clock;
        MeterRegistry registry = meters.getIfAvailable(() -> Metrics.globalRegistry);
        CaffeineCacheMetrics.monitor(registry, roleByMember, "atrium.permissions");
        Gauge.builder("atrium.permission.cache.hit.ratio", roleByMember, cache -> cache.stats().hitRate())
                .description("Share of permission checks answered from the node's cache").register(registry);
    }

    /**
     * The actor's role, with its permissions.
     *
     * @throws PermissionDeniedException when the member is no longer one, or the actor is not a member
     * @throws TenantNotFoundException when the workspace was deleted since the scope was bound
     */
    public RoleSummary roleOf(TenantScope scope) {
        if (TenantBinder.writing()) {
            binder.requireNotDeleted(scope); // Locked first, as the deletion locks the workspace before its tenant rows.
        }
        return switch (scope.actor()) {
            case Actor.Member member -> roleOfMember(scope, member.accountId());
            case Actor.System system -> throw new PermissionDeniedException(SYSTEM, "access.system-has-no-role");
            case Actor.ApiKey key -> roleOfApiKey(scope, key);
        };
    }

    /**
     * Never cached: revoking a key, or demoting or removing its creator, holds from the next check on, on every node.
     * In a transaction that may write, the key's row and its creator's membership are locked first and read after the
     * lock was granted, and stay locked until it ends: a revocation, role change or removal committed before is seen,
     * and one committing later waits, so nothing the key changes commits after its authority was taken away.
     */
    private RoleSummary roleOfApiKey(TenantScope scope, Actor.ApiKey key) {
        DSLContext tenant = tenantDsl.of(scope);
        if (TenantBinder.writing()) {
            roles.lockApiKeyAuthority(tenant, key.keyId());
        } else {
            binder.requireNotDeleted(scope);
        }
        MemberRoleRepository.ApiKeyRoles found = roles.usableApiKey(tenant, key.keyId(), OffsetDateTime.now(clock))
                .orElseThrow(() -> new PermissionDeniedException(API_KEY, "access.api-key-not-usable", key.name()));
        if (found.creatorRole() == null || !canAssign(found.creatorRole(), found.keyRole())) {
            throw new PermissionDeniedException(API_KEY, "access.api-key-creator-no-longer-allowed", key.name());
        }
        return found.keyRole();
    }

    private RoleSummary roleOfMember(TenantScope scope, UUID accountId) {
        RoleSummary role = roleByMember.get(new Key(scope.workspaceId(), generations.current(scope.workspaceId()), accountId),
                key -> {
                    RoleSummary loaded = roles.roleOfMember(tenantDsl.of(scope), accountId).orElse(null);
                    // Thrown, not cached: every check of a deleted workspace asks again. A deletion committing after
                    // this read is left behind by the generation it bumps, as any change is.
                    binder.requireNotDeleted(scope);
                    return loaded;
                });
        if (role == null) {
            throw PermissionDeniedException.noLongerMember();
        }
        return role;
    }

    /**
     * For what only a person does for themselves (leaving, their home page): the acting member's account.
     *
     * @throws PermissionDeniedException when the actor is not a member
     */
    public UUID requireMember(TenantScope scope) {
        if (scope.actor() instanceof Actor.Member member) {
            return member.accountId();
        }
        throw new PermissionDeniedException(PermissionDeniedException.MEMBERSHIP, "access.member-only");
    }

    /**
     * For an operation the system performs on its own behalf (never one a request asks for).
     *
     * @throws PermissionDeniedException when the actor is not the system
     */
    public void requireSystem(TenantScope scope) {
        if (!(scope.actor() instanceof Actor.System)) {
            throw new PermissionDeniedException(SYSTEM, "access.system-only");
        }
    }

    /** For the system telling the people who hold a permission (e.g. the webhook admins): the roles that hold it. */
    public Set<UUID> rolesHoldingBySystem(TenantScope system, String permission) {
        requireSystem(system);
        return roles.all(tenantDsl.of(system)).stream().filter(role -> role.permissions().contains(permission))
                .map(RoleSummary::id).collect(Collectors.toSet());
    }

    public boolean has(TenantScope scope, String permission) {
        return roleOf(scope).permissions().contains(permission);
    }

    /** @throws PermissionDeniedException when the acting member's role lacks the permission */
    public RoleSummary require(TenantScope scope, String permission) {
        return require(roleOf(scope), permission);
    }

    /**
     * For a role just read from the database under lock, where a rule must not rely on the cached one.
     *
     * @throws PermissionDeniedException when the role lacks the permission
     */
    public RoleSummary require(RoleSummary role, String permission) {
        if (!role.permissions().contains(permission)) {
            throw new PermissionDeniedException(permission, "access.denied", role.name(), Permission.names(List.of(permission)));
        }
        return role;
    }

    public boolean hasAny(TenantScope scope, String... permissions) {
        Set<String> held = roleOf(scope).permissions();
        return Arrays.stream(permissions).anyMatch(held::contains);
    }

    /** @throws PermissionDeniedException when the acting member's role holds none of the permissions */
    public RoleSummary requireAny(TenantScope scope, String... permissions) {
        RoleSummary role = roleOf(scope);
        if (Arrays.stream(permissions).noneMatch(role.permissions()::contains)) {
            throw new PermissionDeniedException(permissions[0], "access.denied", role.name(), Permission.names(List.of(permissions)));
        }
        return role;
    }

    /**
     * Refuses handing out a role that could do more than the acting member: no one grants a permission they do not
     * hold, and only an Owner makes someone Owner.
     */
    public void requireAssignable(RoleSummary actingRole, RoleSummary target) {
        if (target.isOwner() && !actingRole.isOwner()) {
            throw new PermissionDeniedException(BuiltInRoles.OWNER, "access.owner-only-assigns-owner");
        }
        requireRoleHeld(actingRole, target);
    }

    /** Whether {@link #requireAssignable} would let the acting member hand out the role. */
    public boolean canAssign(RoleSummary actingRole, RoleSummary target) {
        return (!target.isOwner() || actingRole.isOwner()) && actingRole.permissions().containsAll(target.permissions());
    }

    /**
     * Whether the member could hand out the role right now, by {@link #canAssign}, read from the database rather than
     * the cache. Their membership and both roles stay locked (shared) until the transaction ends, so none of them can
     * change before it commits. False when they are no longer a member or the role is gone. For a join by invitation
     * or by a join request's automatic mode: the authority of whoever chose the role, checked at the join.
     */
    public boolean canAssignNow(WorkspaceBinding workspace, UUID granterAccountId, UUID roleId) {
        DSLContext tenant = tenantDsl.of(workspace);
        // The roles before the membership, as a role's deletion locks them (the role, then its holders' rows): the other
        // way round, this and the deletion of the granter's role would each wait for the other. Should the granter's
        // role change while this waits (its deletion moved them), the role they have now is locked in turn.
        Optional<UUID> granterRoleId = roles.roleIdOfMember(tenant, granterAccountId);
        Map<UUID, RoleSummary> locked = Map.of();
        while (granterRoleId.isPresent()) {
            locked = roles.lockAndFind(tenant, Set.copyOf(List.of(granterRoleId.get(), roleId)));
            Optional<UUID> held = roles.lockRoleIdOfMember(tenant, granterAccountId);
            if (held.equals(granterRoleId)) {
                break;
            }
            granterRoleId = held;
        }
        return granterRoleId.isPresent() && locked.containsKey(roleId) && locked.containsKey(granterRoleId.get())
                && canAssign(locked.get(granterRoleId.get()), locked.get(roleId));
    }

    /** A role handed out on someone's authority: the role, and the account whose role must be able to give it. */
    public record Grant(UUID roleId, UUID granterAccountId) {
    }

    /**
     * For a join that gives a role on someone's authority (an invitation, a join link, an approved join request): locks
     * (shared) the role given and the granter's current role in one statement, in id order, before the link, invitation
     * or request is locked and before {@link #canAssignNow} locks the granter's membership. A role's deletion locks the
     * role and the one its holders move to in one statement in id order too: locked one after the other, the join would
     * hold the given role while the deletion of the granter's role, moving its holders to it, held the granter's, each
     * waiting for the other. Both are read again after the lock; should either have moved meanwhile (a deletion
     * committed while this waited), the roles they have now are locked in turn.
     *
     * @param grant read anew on each round, from the row that names it; empty when that row is gone (nothing is locked)
     * @param alongside further roles the caller decides on, locked in the same statement (none may move meanwhile)
     * @return the given role, locked; empty when the row or the role is gone
     */
    public Optional<RoleSummary> lockToGive(WorkspaceBinding workspace, Supplier<Optional<Grant>> grant, Set<UUID> alongside) {
        AtomicReference<Optional<Grant>> last = new AtomicReference<>(Optional.empty());
        Map<UUID, RoleSummary> locked = lockReferencedRoles(workspace, () -> {
            Optional<Grant> read = grant.get();
            last.set(read);
            return read.map(g -> new RoleReferences(Stream.concat(Stream.of(g.roleId()), alongside.stream()).collect(Collectors.toSet()),
                    Set.of(g.granterAccountId()))).orElse(RoleReferences.NONE);
        });
        return last.get().map(g -> locked.get(g.roleId()));
    }

    /** What a decision relies on: roles that rows name, and accounts whose current roles count too. */
    public record RoleReferences(Set<UUID> roleIds, Set<UUID> holderAccountIds) {
        public static final RoleReferences NONE = new RoleReferences(Set.of(), Set.of());
    }

    /**
     * Locks (shared) the roles the references name and the roles their accounts hold now, in one statement in id order,
     * as a role's deletion locks its two, before the rows that name them or the accounts' memberships are locked. The
     * references are read again after the lock; should they name other roles now (a deletion committed while this
     * waited moved them), those are locked in turn, until they stay.
     *
     * @param references read anew on each round, without locks
     * @return the roles locked last, as read after the lock; those that are gone are missing
     */
    public Map<UUID, RoleSummary> lockReferencedRoles(WorkspaceBinding workspace, Supplier<RoleReferences> references) {
        DSLContext tenant = tenantDsl.of(workspace);
        Set<UUID> read = referencedRoleIds(tenant, references.get());
        while (true) {
            Map<UUID, RoleSummary> locked = read.isEmpty() ? Map.of() : roles.lockAndFind(tenant, read);
            Set<UUID> now = referencedRoleIds(tenant, references.get());
            if (now.equals(read)) {
                return locked;
            }
            read = now;
        }
    }

    private Set<UUID> referencedRoleIds(DSLContext tenant, RoleReferences references) {
        Set<UUID> ids = new HashSet<>(references.roleIds());
        if (!references.holderAccountIds().isEmpty()) {
            ids.addAll(roles.roleIdsOfMembers(tenant, references.holderAccountIds()));
        }
        return ids;
    }

    /**
     * The roles, read from the database rather than the cache, with their rows locked (shared, in id order) until the
     * transaction ends: for a rule that decides on them, so that no edit or deletion commits before it does. Roles
     * that are gone are missing from the result.
     */
    public Map<UUID, RoleSummary> lockRoles(WorkspaceBinding workspace, Collection<UUID> roleIds) {
        return roles.lockAndFind(tenantDsl.of(workspace), Set.copyOf(roleIds));
    }

    /**
     * One role as {@link #lockRoles} reads and locks it: for handing it out, so that it is neither deleted nor changed
     * before the transaction ends. Empty when it is gone (also when a deletion committed while this waited).
     */
    public Optional<RoleSummary> lockRole(WorkspaceBinding workspace, UUID roleId) {
        return Optional.ofNullable(lockRoles(workspace, List.of(roleId)).get(roleId));
    }

    /** Refuses permissions the acting member's role does not hold: no one grants what they do not hold. */
    public void requireHeld(RoleSummary actingRole, Set<String> permissions) {
        Set<String> beyond = beyond(actingRole, permissions);
        if (!beyond.isEmpty()) {
            throw new PermissionDeniedException(beyond.iterator().next(), "access.beyond-own-role", Permission.names(beyond));
        }
    }

    /** Refuses handing out or changing a role that can do more than the acting member's. */
    public void requireRoleHeld(RoleSummary actingRole, RoleSummary role) {
        Set<String> beyond = beyond(actingRole, role.permissions());
        if (!beyond.isEmpty()) {
            throw new PermissionDeniedException(beyond.iterator().next(), "access.role-beyond-own-role", role.name(),
                    Permission.names(beyond));
        }
    }

    private static Set<String> beyond(RoleSummary actingRole, Set<String> permissions) {
        Set<String> beyond = new TreeSet<>(permissions);
        beyond.removeAll(actingRole.permissions());
        return beyond;
    }

    /**
     * A role of the workspace, or a member's role or membership, changed: every member's next request reads theirs
     * again, on every node once the change commits. Such changes are rare, and forgetting the whole workspace cannot
     * lose a race with a load in flight.
     */
    public void forgetWorkspace(UUID workspaceId) {
        generations.forget(workspaceId);
    }
}
