package dev.atrium.admin.workspace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.BuiltInRoles;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditExportFormat;
import dev.atrium.admin.audit.AuditFilter;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditLogService;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;
import tools.jackson.databind.json.JsonMapper;

/**
 * Deleting a workspace: only an Owner, who confirms by typing its name (and is offered the {@linkplain #export
 * export} first). Deleting makes it unavailable at once ({@link TenantBinder} refuses it everywhere); its schema is
 * dropped by a cluster-wide job after the grace period ({@code atrium.workspaces.deletion-grace}), until which an Owner
 * can restore it. Delete, restore and purge each lock the workspace's row first, so racing they end in one outcome.
 * The audit chain records deletion and restore; the platform keeps a deletion record (who, when, the chain's head).
 */
@Service
public class WorkspaceDeletionService {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceDeletionService.class);
    private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final WorkspaceDeletionRepository deletions;
    private final TenantBinder binder;
    private final TenantDsl tenantDsl;
    private final AccessControl access;
    private final AuditLog auditLog;
    private final AuditLogService auditLogService;
    private final Clock clock;
    private final Duration grace;
    private final TransactionTemplate transaction;
    private final RoleService roles;

    WorkspaceDeletionService(WorkspaceDeletionRepository deletions, TenantBinder binder, TenantDsl tenantDsl, AccessControl access,
            AuditLog auditLog, AuditLogService auditLogService, Clock clock, AtriumProperties properties,
            PlatformTransactionManager transactionManager, RoleService roles) {
        this.roles = roles;
        this.deletions = deletions;
        this.binder = binder;
        this.tenantDsl = tenantDsl;
        this.access = access;
        this.auditLog = auditLog;
        this.auditLogService = auditLogService;
        this.clock = clock;
        this.grace = properties.workspaces().deletionGrace();
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** The grace period a deletion gives, for the confirmation dialog. */
    public Duration grace() {
        return grace;
    }

    /**
     * Deletes the workspace: unavailable at once, restorable by an Owner until the returned time.
     *
     * @throws WorkspaceDeletionException when the actor is no Owner, the name does not match, or it is deleted already
     */
    @Transactional
    public OffsetDateTime delete(TenantScope scope, String typedName) {
        // The row first, before the permission check's shared lock on it: two deletions then wait for each other
        // rather than each holding the shared lock the other's needs.
        var workspace = deletions.lock(scope.workspaceId()).orElseThrow(() -> new TenantNotFoundException(scope.slug()));
        if (workspace.deletedAt() != null) {
            throw new WorkspaceDeletionException(WorkspaceDeletionException.ALREADY_DELETED);
        }
        access.require(scope, Permissions.WORKSPACE_DELETE);
        requireOwner(scope);
        if (!workspace.name().equals(typedName.strip())) {
            throw new WorkspaceDeletionException(WorkspaceDeletionException.NAME_MISMATCH);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime purgeAfter = now.plus(grace);
        auditLog.record(scope, AuditActions.WORKSPACE_DELETED, target(scope, workspace.name()), null,
                Map.of("purgeAfter", purgeAfter.toString()));
        if (!deletions.markDeleted(scope.workspaceId(), now, purgeAfter)) {
            throw new WorkspaceDeletionException(WorkspaceDeletionException.ALREADY_DELETED);
        }
        deletions.insertRecord(scope.workspaceId(), scope.slug(), workspace.name(), scope.accountId(), now, auditLog.headHash(scope));
        access.forgetWorkspace(scope.workspaceId());
        return purgeAfter;
    }

    /**
     * Restores a deleted workspace within its grace period.
     *
     * @throws WorkspaceDeletionException when the account is not its Owner, it is not deleted, or the grace is over
     * @throws TenantNotFoundException when there is no such deleted workspace of the account's
     */
    @Transactional
    public WorkspaceSummary restore(UUID accountId, UUID workspaceId) {
        var workspace = deletions.lock(workspaceId).orElseThrow(() -> new TenantNotFoundException(workspaceId.toString()));
        if (workspace.deletedAt() == null) {
            throw new WorkspaceDeletionException(WorkspaceDeletionException.NOT_DELETED);
        }
        TenantScope scope = binder.bindDeleted(accountId, workspaceId);
        requireOwner(scope);
        if (!OffsetDateTime.now(clock).isBefore(workspace.purgeAfter())) {
            throw new WorkspaceDeletionException(WorkspaceDeletionException.GRACE_OVER);
        }
        if (!deletions.markRestored(workspaceId)) {
            throw new WorkspaceDeletionException(WorkspaceDeletionException.NOT_DELETED);
        }
        deletions.recordRestored(workspaceId, accountId, OffsetDateTime.now(clock));
        auditLog.record(scope, AuditActions.WORKSPACE_RESTORED, target(scope, workspace.name()),
                Map.of("purgeAfter", workspace.purgeAfter().toString()), null);
        access.forgetWorkspace(workspaceId);
        return new WorkspaceSummary(workspaceId, scope.slug(), workspace.name());
    }

    /** The deleted workspaces the account owns and may still restore (for the workspace picker). */
    @Transactional(readOnly = true)
    public List<DeletedWorkspace> restorableBy(UUID accountId) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        return deletions.deletedOf(accountId).stream()
                .filter(deleted -> now.isBefore(deleted.purgeAfter()))
                .filter(deleted -> isOwnerNow(binder.bindDeleted(accountId, deleted.id())))
                .toList();
    }

    /** The platform's records of the workspace's deletions, oldest first; kept after its schema is gone. */
    public List<WorkspaceDeletionRecord> records(UUID workspaceId) {
        return deletions.records(workspaceId);
    }

    /**
     * Writes the workspace as one zip of JSON Lines files: {@code members.jsonl}, {@code roles.jsonl},
     * {@code invitations.jsonl} and {@code audit-log.jsonl}, streamed (never all in memory). Owner only; audited.
     *
     * @throws WorkspaceDeletionException when the actor is no Owner
     */
    public void export(TenantScope scope, OutputStream out) {
        access.require(scope, Permissions.WORKSPACE_DELETE);
        transaction.executeWithoutResult(status -> {
            requireOwner(scope);
            auditLog.record(scope, AuditActions.WORKSPACE_EXPORTED, target(scope, scope.workspaceName()), null, null);
        });
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            DSLContext tenant = tenantDsl.of(scope);
            entry(zip, "members.jsonl", each -> transaction.executeWithoutResult(s -> deletions.members(tenant, each)));
            entry(zip, "roles.jsonl", each -> roles.roles(scope).forEach(role -> each.accept(roleRow(role))));
            entry(zip, "invitations.jsonl", each -> transaction.executeWithoutResult(s -> deletions.invitations(tenant, each)));
            zip.putNextEntry(new ZipEntry("audit-log.jsonl"));
            auditLogService.export(scope, AuditFilter.NONE, AuditExportFormat.JSON_LINES, zip);
            zip.closeEntry();
            zip.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A role with what it holds now (built-in roles hold the catalog's permissions, not stored rows). */
    private static Map<String, Object> roleRow(RoleSummary role) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", role.id());
        row.put("key", role.key());
        row.put("name", role.name());
        row.put("description", role.description());
        row.put("built_in", role.builtIn());
        row.put("permissions", new TreeSet<>(role.permissions()));
        return row;
    }

    private static void entry(ZipOutputStream zip, String name, Consumer<Consumer<Map<String, Object>>> rows) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        rows.accept(row -> {
            try {
                zip.write(JSON.writeValueAsBytes(row));
                zip.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        zip.closeEntry();
    }

    /**
     * Drops every workspace whose grace period is over: one transaction each, the row locked and the condition read
     * again under the lock (and the row's delete conditional on it), so a restore that committed first wins and a
     * later one finds nothing to restore.
     *
     * @return how many were dropped
     */
    public int purgeDue() {
        int purged = 0;
        for (UUID id : deletions.duePurges(OffsetDateTime.now(clock))) {
            try {
                Boolean done = transaction.execute(status -> {
                    OffsetDateTime now = OffsetDateTime.now(clock);
                    var workspace = deletions.lock(id).orElse(null);
                    if (workspace == null || workspace.purgeAfter() == null || workspace.purgeAfter().isAfter(now)) {
                        return false;
                    }
                    if (!deletions.purge(id, workspace.schemaName(), now)) {
                        status.setRollbackOnly();
                        return false;
                    }
                    return true;
                });
                if (Boolean.TRUE.equals(done)) {
                    purged++;
                    access.forgetWorkspace(id);
                    log.info("Dropped deleted workspace {} after its grace period", id);
                }
            } catch (RuntimeException e) {
                log.error("Dropping deleted workspace {} failed", id, e);
            }
        }
        return purged;
    }

    private void requireOwner(TenantScope scope) {
        if (!isOwner(scope)) {
            throw new WorkspaceDeletionException(WorkspaceDeletionException.OWNER_ONLY);
        }
    }

    /** Read from the database with the member row locked, never from the role cache: an Owner rule. */
    private boolean isOwner(TenantScope scope) {
        return deletions.lockRoleKey(tenantDsl.of(scope), access.requireMember(scope)).map(BuiltInRoles.OWNER::equals).orElse(false);
    }

    /** For listing only (no lock): restoring checks again under the lock. */
    private boolean isOwnerNow(TenantScope scope) {
        return deletions.roleKey(tenantDsl.of(scope), access.requireMember(scope)).map(BuiltInRoles.OWNER::equals).orElse(false);
    }

    private static AuditTarget target(TenantScope scope, String name) {
        return new AuditTarget("workspace", scope.workspaceId().toString(), name);
    }

    /** The cluster-wide job dropping workspaces past their grace. */
    @Configuration(proxyBeanMethods = false)
    static class PurgeSchedule {

        @Bean
        ClusterJob workspacePurgeJob(WorkspaceDeletionService deletions, AtriumProperties properties) {
            return ClusterJob.cron(JOB, properties.workspaces().purgeCron(), deletions::purgeDue);
        }
    }

    /** The purge job's name, for {@code ClusterJobs.runNow}. */
    public static final String JOB = "workspace-purge";
}
