package dev.atrium.admin.metrics;

import java.util.Map;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditSubscriber;
import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * Counts invitations from their audit events, once the change that records them commits: sent (created or resent),
 * accepted, and failed (an e-mail not delivered for good).
 */
final class InvitationMeters implements AuditSubscriber {

    private final Map<String, Counter> byAction;

    InvitationMeters(MeterRegistry registry) {
        Counter sent = Counter.builder("atrium.invitations.sent").description("Invitations sent (created or resent)").register(registry);
        this.byAction = Map.of(
                AuditActions.INVITATION_CREATED, sent,
                AuditActions.INVITATION_RESENT, sent,
                AuditActions.INVITATION_ACCEPTED, Counter.builder("atrium.invitations.accepted").description("Invitations accepted")
                        .register(registry),
                AuditActions.INVITATION_MAIL_FAILED, Counter.builder("atrium.invitations.failed")
                        .description("Invitation e-mails not delivered for good").register(registry));
    }

    @Override
    public void recorded(WorkspaceBinding workspace, AuditEvent event) {
        Counter counter = byAction.get(event.action());
        if (counter == null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        } else {
            counter.increment();
        }
    }
}
