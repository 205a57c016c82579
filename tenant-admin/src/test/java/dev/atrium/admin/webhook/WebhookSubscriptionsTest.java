package dev.atrium.admin.webhook;

import static dev.atrium.db.jooq.tenant.Tables.WEBHOOK_DELIVERY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.tenancy.CacheInvalidations;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;

/**
 * The subscriptions each node keeps between changes: the next event after an endpoint is created, changed, disabled,
 * enabled or deleted is queued (or not) as the endpoint now is, on this node at once and on another once told; a
 * rolled-back creation leaves nothing behind; a subscription a node still holds for a moment never queues a message
 * for an endpoint deleted or disabled meanwhile.
 */
@SpringBootTest
class WebhookSubscriptionsTest {

    @Autowired WebhookService webhooks;
    @Autowired WebhookRepository repository;
    @Autowired WebhookSubscriptions subscriptions;
    @Autowired AuditLog auditLog;
    @Autowired TestWorkspaces teams;
    @Autowired TenantDsl tenantDsl;
    @Autowired CacheInvalidations invalidations;
    @Autowired PlatformTransactionManager transactionManager;

    @Test
    void theNextEventIsQueuedAsTheEndpointIsNowAfterEachChange() {
        TenantScope owner = teams.newWorkspace("Sol");
        roleChanged(owner); // this node now holds the workspace's subscriptions: none
        assertThat(queued(owner)).isZero();

        UUID id = webhooks.create(owner, draft(WebhookEventTypes.MEMBER_ROLE_CHANGED)).endpoint().id();
        roleChanged(owner);
        assertThat(queued(owner)).as("created just before").isEqualTo(1);

        webhooks.update(owner, id, draft(WebhookEventTypes.MEMBER_JOINED));
        roleChanged(owner);
        assertThat(queued(owner)).as("no longer subscribed to role changes").isEqualTo(1);

        webhooks.update(owner, id, draft(WebhookEventTypes.MEMBER_ROLE_CHANGED));
        roleChanged(owner);
        assertThat(queued(owner)).as("subscribed again").isEqualTo(2);

        webhooks.setEnabled(owner, id, false);
        roleChanged(owner);
        assertThat(queued(owner)).as("disabled").isEqualTo(2);

        webhooks.setEnabled(owner, id, true);
        roleChanged(owner);
        assertThat(queued(owner)).as("enabled again").isEqualTo(3);

        webhooks.delete(owner, id);
        roleChanged(owner); // commits: nothing is queued for the deleted endpoint
        assertThat(queued(owner)).as("its messages went with it, and no new one came").isZero();
    }

    @Test
    void aCreationRolledBackAfterAnEventSawItLeavesNoSubscriptionBehind() {
        TenantScope owner = teams.newWorkspace("Rolf");
        roleChanged(owner);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            webhooks.create(owner, draft(WebhookEventTypes.MEMBER_ROLE_CHANGED));
            recordRoleChange(owner);
            status.setRollbackOnly();
        });

        roleChanged(owner);

        assertThat(queued(owner)).isZero();
    }

    @Test
    void anotherNodeIsToldOfANewAndOfADeletedEndpoint() {
        TenantScope owner = teams.newWorkspace("Noor");
        WebhookSubscriptions otherNode = new WebhookSubscriptions(repository, tenantDsl, invalidations);
        List<String> roleChanges = List.of(WebhookEventTypes.MEMBER_ROLE_CHANGED);
        assertThat(otherNode.subscribed(owner, roleChanges)).isEmpty();

        UUID id = webhooks.create(owner, draft(WebhookEventTypes.MEMBER_ROLE_CHANGED)).endpoint().id();
        await().atMost(Duration.ofSeconds(10)).until(() -> otherNode.subscribed(owner, roleChanges).containsKey(id));

        webhooks.delete(owner, id);
        await().atMost(Duration.ofSeconds(10)).until(() -> otherNode.subscribed(owner, roleChanges).isEmpty());
    }

    @Test
    void aSubscriptionHeldForAMomentTooLongQueuesNothingForADisabledDeletedOrUnsubscribedEndpoint() {
        TenantScope owner = teams.newWorkspace("Stan");
        UUID disabled = webhooks.create(owner, draft(WebhookEventTypes.MEMBER_ROLE_CHANGED)).endpoint().id();
        UUID deleted = webhooks.create(owner, draft(WebhookEventTypes.MEMBER_ROLE_CHANGED)).endpoint().id();
        UUID unsubscribed = webhooks.create(owner, draft(WebhookEventTypes.MEMBER_ROLE_CHANGED)).endpoint().id();
        webhooks.setEnabled(owner, disabled, false);
        webhooks.delete(owner, deleted);
        webhooks.update(owner, unsubscribed, draft(WebhookEventTypes.MEMBER_JOINED));

        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            OffsetDateTime now = OffsetDateTime.now();
            assertThat(repository.queueIfEnabled(tenantDsl.of(owner), UUID.randomUUID(), disabled,
                    WebhookEventTypes.MEMBER_ROLE_CHANGED, "{}", now)).isFalse();
            assertThat(repository.queueIfEnabled(tenantDsl.of(owner), UUID.randomUUID(), deleted,
                    WebhookEventTypes.MEMBER_ROLE_CHANGED, "{}", now)).isFalse();
            assertThat(repository.queueIfEnabled(tenantDsl.of(owner), UUID.randomUUID(), unsubscribed,
                    WebhookEventTypes.MEMBER_ROLE_CHANGED, "{}", now)).isFalse();
        });

        assertThat(queued(owner)).isZero();
    }

    private static WebhookDraft draft(String type) {
        return new WebhookDraft("https://hooks.example.com/atrium", List.of(type));
    }

    private void roleChanged(TenantScope owner) {
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> recordRoleChange(owner));
    }

    private void recordRoleChange(TenantScope owner) {
        auditLog.record(owner, AuditActions.MEMBER_ROLE_CHANGED, new AuditTarget("member", UUID.randomUUID().toString(), "Someone"),
                Map.of("role", "Member"), Map.of("role", "Admin"));
    }

    private int queued(TenantScope owner) {
        return tenantDsl.of(owner).fetchCount(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.EVENT_TYPE.eq(WebhookEventTypes.MEMBER_ROLE_CHANGED));
    }
}
