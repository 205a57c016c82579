package dev.atrium.admin.invitation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

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
 * (two nodes, or the job and a late use) never both announce it.
 */
@Service
public class InvitationExpiries {

    public static final String JOB = "invitation-expiries";

    private final InvitationRepository invitations;
    private final TenantDsl tenantDsl;
    private final TenantBinder binder;
    private final AuditLog auditLog;
    private final AccessControl access;

    InvitationExpiries(InvitationRepository invitations, TenantDsl tenantDsl, TenantBinder binder, AuditLog auditLog,
            AccessControl access) {
        this.invitations = invitations;
        this.tenantDsl = tenantDsl;
        this.binder = binder;
        this.auditLog = auditLog;
        this.access = access;
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

    /** The cluster-wide job: every served workspace, one transaction each, so one failure stops no other. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        ClusterJob invitationExpiryJob(InvitationExpiries expiries, TenantBinder binder, AtriumProperties properties) {
            return ClusterJob.every(JOB, properties.invitations().expiryCheckInterval(), 
                    () -> binder.forEachServed("Announcing expired invitations", expiries::announceDue));
        }
    }
}
