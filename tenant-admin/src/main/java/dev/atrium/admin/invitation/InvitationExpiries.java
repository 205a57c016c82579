package dev.atrium.admin.invitation;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.invitation.InvitationRepository.Expired;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * Announces that an invitation ran out: one {@code invitation.expired} audit event per invitation, with the system as
 * the actor, which the webhook feed turns into an {@code invitation.expired} message. The cluster job {@value #JOB}
 * looks for invitations past their expiry; an invitation used late is announced right then if the job has not done so
 * yet. Either way a conditional update ({@code expired_notified_at IS NULL ... RETURNING}) marks it, so two runs at once
 * (two nodes, or the job and a late use) never both announce it. The job visits the workspaces listed as having an
 * invitation not yet announced whose expiry has passed (every workspace at a node's first run, for invitations from
 * before the list), so that a run grows neither with the number of workspaces nor with those that only have invitations
 * still open.
 */
@Service
public class InvitationExpiries {

    public static final String JOB = "invitation-expiries";
    private static final String TASK = "Announcing expired invitations";

    private final InvitationRepository invitations;
    private final TenantDsl tenantDsl;
    private final TenantBinder binder;
    private final AuditLog auditLog;
    private final AccessControl access;
    private final DSLContext platform;
    private final TransactionTemplate transaction;
    /** Whether this node's job has visited every workspace once. */
    private volatile boolean visitedAll;

    InvitationExpiries(InvitationRepository invitations, TenantDsl tenantDsl, TenantBinder binder, AuditLog auditLog,
            AccessControl access, DSLContext platform, PlatformTransactionManager transactionManager) {
        this.invitations = invitations;
        this.tenantDsl = tenantDsl;
        this.binder = binder;
        this.auditLog = auditLog;
        this.access = access;
        this.platform = platform;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * The job's run: announces what ran out in the listed workspaces whose next expiry has passed, and lists each again
     * at its next expiry, or takes it off when none is left to announce; at this node's first run, in every workspace.
     *
     * @return how many workspaces it visited
     */
    int announceDueEverywhere() {
        if (!visitedAll) {
            visitedAll = true;
            return binder.forEachServed(TASK, this::announceAndReschedule);
        }
        return binder.forEachServed(TASK, InvitationRepository.TO_ANNOUNCE_IN.due(platform, invitations.now()), this::announceAndReschedule);
    }

    private void announceAndReschedule(TenantScope system) {
        transaction.executeWithoutResult(status -> announceDue(system));
        reschedule(system);
    }

    /** Lists the workspace at its next expiry to announce, or takes it off the job's list when none is left. */
    void reschedule(TenantScope system) {
        transaction.executeWithoutResult(status -> invitations.rescheduleAnnouncements(platform, tenantDsl.of(system), system.workspaceId()));
    }

    /**
     * Lists the workspace for the job by {@code expiresAt} at the latest, in the transaction that sets an invitation's
     * expiry to it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void watch(UUID workspaceId, OffsetDateTime expiresAt) {
        InvitationRepository.TO_ANNOUNCE_IN.list(platform, workspaceId, expiresAt);
    }

    /**
     * Announces the workspace's invitations that ran out since the last run.
     *
     * @return how many this call announced
     */
    @Transactional
    public int announceDue(TenantScope system) {
        access.requireSystem(system);
        List<Expired> expired = invitations.markExpiriesDue(tenantDsl.of(system));
        expired.forEach(invitation -> record(system, invitation));
        return expired.size();
    }

    /** For an invitation used after its expiry, locked by the caller: announced now unless that happened already. */
    @Transactional(propagation = Propagation.MANDATORY)
    void announceOnUse(WorkspaceBinding workspace, UUID invitationId) {
        TenantScope system = binder.bindSystem(workspace.workspaceId());
        invitations.markExpiryDue(tenantDsl.of(system), invitationId).ifPresent(invitation -> record(system, invitation));
    }

    private void record(TenantScope system, Expired invitation) {
        auditLog.record(system, AuditActions.INVITATION_EXPIRED,
                new AuditTarget("invitation", invitation.id().toString(), invitation.email()), null,
                Map.of("expiredAt", invitation.expiresAt().toString()));
    }

    /** The cluster-wide job: a workspace at a time, each in transactions of its own, so one failure stops no other. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        ClusterJob invitationExpiryJob(InvitationExpiries expiries, AtriumProperties properties) {
            return ClusterJob.every(JOB, properties.invitations().expiryCheckInterval(), expiries::announceDueEverywhere);
        }
    }
}
