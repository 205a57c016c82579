package dev.atrium.admin.invitation;

import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.invitation.InvitationRepository.Reminded;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * Reminds invitees of pending invitations, for workspaces that switched it on ("remind N days before expiry"): each
 * invitation at most once, marked by a conditional update ({@code reminded_at IS NULL ... RETURNING}) so that two
 * runs at once (two nodes, or a node and a retry) never both get it; each reminder audited with the system as the
 * actor and mailed through the invitation outbox.
 */
@Service
public class InvitationReminders {

    private final InvitationRepository invitations;
    private final InvitationMailOutbox mailOutbox;
    private final TenantDsl tenantDsl;
    private final AuditLog auditLog;
    private final AccessControl access;

    InvitationReminders(InvitationRepository invitations, InvitationMailOutbox mailOutbox, TenantDsl tenantDsl, AuditLog auditLog,
            AccessControl access) {
        this.invitations = invitations;
        this.mailOutbox = mailOutbox;
        this.tenantDsl = tenantDsl;
        this.auditLog = auditLog;
        this.access = access;
    }

    /**
     * Sends the workspace's due reminders; nothing when reminders are off or no mail server is configured.
     *
     * @return how many invitations this call reminded
     */
    @Transactional
    public int remindDue(TenantScope system) {
        access.requireSystem(system);
        DSLContext tenant = tenantDsl.of(system);
        Integer days = invitations.reminderDays(tenant);
        if (days == null || !mailOutbox.delivers()) {
            return 0;
        }
        List<Reminded> reminded = invitations.markRemindersDue(tenant, days);
        for (Reminded invitation : reminded) {
            auditLog.record(system, AuditActions.INVITATION_REMINDED,
                    new AuditTarget("invitation", invitation.id().toString(), invitation.email()), null,
                    Map.of("expiresAt", invitation.expiresAt().toString(), "daysBefore", days));
            mailOutbox.queueReminder(system, invitation.id());
        }
        return reminded.size();
    }

    /** The cluster-wide job: every served workspace, one transaction each, so one failure stops no other. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    static class Schedule {

        @Bean
        ClusterJob invitationReminderJob(InvitationReminders reminders, TenantBinder binder, AtriumProperties properties) {
            return ClusterJob.cron("invitation-reminders", properties.invitations().reminderCron(), 
                    () -> binder.forEachServed("Invitation reminders", reminders::remindDue));
        }
    }
}
