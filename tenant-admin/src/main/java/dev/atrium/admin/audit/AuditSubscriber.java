package dev.atrium.admin.audit;

import dev.atrium.admin.tenancy.WorkspaceBinding;

/**
 * Told of every audit event as it is recorded, in the transaction of the change it describes: what a subscriber
 * writes commits or rolls back with the change (the webhook outbox is fed this way). Declare it as a bean.
 */
@FunctionalInterface
public interface AuditSubscriber {

    void recorded(WorkspaceBinding workspace, AuditEvent event);
}
