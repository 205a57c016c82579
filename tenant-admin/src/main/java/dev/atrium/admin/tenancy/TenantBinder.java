package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;
import static dev.atrium.db.jooq.platform.Tables.WORKSPACE_MEMBERSHIP;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one place scopes are made. A request or view binds a workspace by slug for an account that is a member of it
 * ({@link #bind}, {@link #scopesOf}). The system's scopes ({@link #bindSystem}, {@link #systemScopes}) and an
 * invitee's ({@link #bindInvitee}) are for the services that do that work only: no view or request handler calls them
 * (ArchitectureTest), a system scope passes no member permission check, and an invitee scope is not a
 * {@link TenantScope} at all. {@link #bindOnBehalf} is the system's too: it carries on what a member confirmed earlier.
 * <p>
 * In a transaction that may write, binding reads the workspace's row under a shared lock ({@code FOR KEY SHARE}) held
 * until the transaction ends, and it is the first lock such a transaction takes: a deletion (which locks the row
 * {@code FOR UPDATE} before anything else) that committed while the bind waited is seen, and one that starts later
 * waits until this transaction ended. So nothing, a join in particular, commits into a workspace after its deletion.
 * The key-share lock lets a rename or a migration's version update of the row go on.
 */
@Component
public class TenantBinder {

    private static final Logger log = LoggerFactory.getLogger(TenantBinder.class);

    private final DSLContext platform;
    private final TenantHealth health;

    TenantBinder(DSLContext platform, TenantHealth health) {
        this.platform = platform;
        this.health = health;
    }

    /**
     * @throws TenantNotFoundException when there is no such workspace or the account is not its member
     * @throws TenantUnavailableException when the workspace's schema failed to migrate
     */
    public TenantScope bind(UUID accountId, String slug) {
        return find(WORKSPACE.SLUG.eq(slug).and(memberOf(accountId)).and(notDeleted()), new Actor.Member(accountId))
                .orElseThrow(() -> new TenantNotFoundException(slug));
    }

    /** A deleted workspace is refused everywhere at once, though its schema stays until its grace period ends. */
    private static Condition notDeleted() {
        return WORKSPACE.DELETED_AT.isNull();
    }

    /**
     * Refuses a workspace deleted since the binding was made: a page opened before the deletion still holds its scope.
     * In a transaction that may write, the row is read under the bind's shared lock (see the class comment), so a
     * deletion committed before is seen and one committing later waits until this transaction ends.
     *
     * @throws TenantNotFoundException when the workspace was deleted (or no longer exists)
     */
    public void requireNotDeleted(WorkspaceBinding workspace) {
        var live = platform.selectOne().from(WORKSPACE).where(WORKSPACE.ID.eq(workspace.workspaceId())).and(notDeleted());
        if (!(writing() ? live.forKeyShare() : live).fetchOptional().isPresent()) {
            throw new TenantNotFoundException(workspace.slug());
        }
    }

    /**
     * Whether the current transaction may write: then the bind's read of the workspace row is locked until it ends, and
     * permission checks read what they rely on again.
     */
    public static boolean writing() {
        return TransactionSynchronizationManager.isActualTransactionActive()
                && !TransactionSynchronizationManager.isCurrentTransactionReadOnly();
    }

    /**
     * A deleted workspace (within its grace period) bound to one of its members: only for the service that restores
     * it or lists it for its Owners, which checks the member is its Owner.
     *
     * @throws TenantNotFoundException when there is no such deleted workspace or the account is not its member
     */
    public TenantScope bindDeleted(UUID accountId, UUID workspaceId) {
        return find(WORKSPACE.ID.eq(workspaceId).and(memberOf(accountId)).and(WORKSPACE.DELETED_AT.isNotNull()),
                new Actor.Member(accountId)).orElseThrow(() -> new TenantNotFoundException(workspaceId.toString()));
    }

    private static Condition memberOf(UUID accountId) {
        return DSL.exists(DSL.selectOne().from(WORKSPACE_MEMBERSHIP)
                .where(WORKSPACE_MEMBERSHIP.WORKSPACE_ID.eq(WORKSPACE.ID))
                .and(WORKSPACE_MEMBERSHIP.ACCOUNT_ID.eq(accountId)));
    }

    /**
     * The workspace an account is joining by invitation, before it is a member. Only for the invitation service,
     * after it verified the invitation's token. The scope is no {@link TenantScope}: no member operation takes it.
     */
    public InviteeScope bindInvitee(UUID workspaceId, UUID accountId) {
        return new InviteeScope(bindSystem(workspaceId).workspace(), accountId);
    }

    /**
     * One workspace bound to the system ({@link Actor#SYSTEM}), for work the system does on its own behalf after the
     * request that asked for it committed (such as delivering its queued e-mails); audit events then name the system as the actor.
     *
     * @throws TenantNotFoundException when the workspace no longer exists or was deleted
     * @throws TenantUnavailableException when the workspace's schema failed to migrate
     */
    public TenantScope bindSystem(UUID workspaceId) {
        return find(WORKSPACE.ID.eq(workspaceId).and(notDeleted()), Actor.SYSTEM).orElseThrow(() -> new TenantNotFoundException(workspaceId.toString()));
    }

    /**
     * One workspace bound to a member for work they confirmed that the system carries on later, possibly on another
     * node after a restart (a bulk invite's rows). The membership is not checked here: the service's permission check
     * refuses an account that is no longer a member, as it would in a request.
     *
     * @throws TenantNotFoundException when the workspace no longer exists or was deleted
     * @throws TenantUnavailableException when the workspace's schema failed to migrate
     */
    public TenantScope bindOnBehalf(UUID workspaceId, UUID accountId) {
        return find(WORKSPACE.ID.eq(workspaceId).and(notDeleted()), new Actor.Member(accountId))
                .orElseThrow(() -> new TenantNotFoundException(workspaceId.toString()));
    }

    /**
     * The workspace of an API key, bound to the key: only for the API key service, after it verified the key's secret
     * against the key's row in this workspace ({@link #bindSystem} reads it). Every use is re-checked by the permission
     * check, which reads the key's row again.
     *
     * @throws TenantNotFoundException when the workspace no longer exists or was deleted
     */
    public TenantScope bindApiKey(UUID workspaceId, Actor.ApiKey key) {
        return find(WORKSPACE.ID.eq(workspaceId).and(notDeleted()), key).orElseThrow(() -> new TenantNotFoundException(workspaceId.toString()));
    }

    /**
     * The workspace being created, bound to its creator (the founding Owner or a platform API key), for its first audit
     * event: only inside {@link TenantProvisioner#provision}'s register step for that very workspace, which wrote its
     * registry row and its Owner in this transaction, so nothing is read back.
     *
     * @throws IllegalStateException anywhere else
     */
    public TenantScope bindBeingCreated(UUID workspaceId, String slug, String name, Actor creator) {
        String schema = TenantProvisioner.schemaBeingCreated(workspaceId)
                .orElseThrow(() -> new IllegalStateException("Workspace " + workspaceId + " is not being created in this transaction"));
        LogContext.workspace(workspaceId);
        return new TenantScope(new BoundWorkspace(workspaceId, slug, name, schema), creator);
    }

    /** Every served workspace the account is a member of, bound to it. */
    public List<TenantScope> scopesOf(UUID accountId) {
        return served(memberOf(accountId).and(notDeleted()), new Actor.Member(accountId));
    }

    /** Every served workspace, bound to the system: for scheduled jobs. */
    public List<TenantScope> systemScopes() {
        return served(notDeleted(), Actor.SYSTEM);
    }

    /**
     * A scheduled job's work for every served workspace, bound to the system. The work opens its own transaction, so
     * each workspace commits on its own; a workspace whose work fails is logged and stops no other.
     *
     * @param task what the work is, for the log ("Audit purge")
     * @return how many workspaces it was done for
     */
    public int forEachServed(String task, Consumer<TenantScope> work) {
        return forEach(task, systemScopes(), work);
    }

    /** {@link #forEachServed(String, Consumer)} for the served workspaces among {@code workspaceIds} only. */
    public int forEachServed(String task, Collection<UUID> workspaceIds, Consumer<TenantScope> work) {
        if (workspaceIds.isEmpty()) {
            return 0;
        }
        return forEach(task, served(notDeleted().and(WORKSPACE.ID.in(workspaceIds)), Actor.SYSTEM), work);
    }

    private static int forEach(String task, List<TenantScope> workspaces, Consumer<TenantScope> work) {
        for (TenantScope workspace : workspaces) {
            try {
                work.accept(workspace);
            } catch (RuntimeException e) {
                log.error("{} failed for workspace {}", task, workspace.slug(), e);
            }
        }
        return workspaces.size();
    }

    private List<TenantScope> served(Condition condition, Actor actor) {
        return platform.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME, WORKSPACE.SCHEMA_NAME).from(WORKSPACE).where(condition)
                .fetch(r -> new TenantScope(new BoundWorkspace(r.value1(), r.value2(), r.value3(), r.value4()), actor)).stream()
                .filter(scope -> health.isServed(scope.workspaceId()))
                .toList();
    }

    private Optional<TenantScope> find(Condition condition, Actor actor) {
        var select = platform.select(WORKSPACE.ID, WORKSPACE.SLUG, WORKSPACE.NAME, WORKSPACE.SCHEMA_NAME)
                .from(WORKSPACE)
                .where(condition);
        return (writing() ? select.forKeyShare().of(WORKSPACE) : select)
                .fetchOptional(r -> new TenantScope(new BoundWorkspace(r.value1(), r.value2(), r.value3(), r.value4()), actor))
                .map(scope -> {
                    if (!health.isServed(scope.workspaceId())) {
                        throw new TenantUnavailableException(scope.slug());
                    }
                    LogContext.workspace(scope.workspaceId());
                    return scope;
                });
    }
}
