package dev.atrium.admin.webhook;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.atrium.admin.audit.AuditEvent;
import dev.atrium.admin.audit.AuditSubscriber;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantProvisioner;
import dev.atrium.admin.tenancy.WorkspaceBinding;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns audit events into webhook messages, in the transaction that records them: one row in the
 * {@code webhook_delivery} outbox per subscribed endpoint and event type, so a message exists exactly when its change
 * committed. The subscriptions come from {@link WebhookSubscriptions}, which this node keeps between changes, so an
 * event that no endpoint subscribes to costs no statement. The payload carries what the audit event carries, whose details are already free of secrets (sealed or
 * redacted by the services that record them), plus the workspace.
 */
@Component
class WebhookFeed implements AuditSubscriber {

    /** The payload's format; a change that could break a receiver gets a new one. */
    static final int PAYLOAD_VERSION = 1;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookRepository webhooks;
    private final WebhookSubscriptions subscriptions;
    private final TenantDsl tenantDsl;
    private final ApplicationEventPublisher events;

    WebhookFeed(WebhookRepository webhooks, WebhookSubscriptions subscriptions, TenantDsl tenantDsl, ApplicationEventPublisher events) {
        this.webhooks = webhooks;
        this.subscriptions = subscriptions;
        this.tenantDsl = tenantDsl;
        this.events = events;
    }

    @Override
    public void recorded(WorkspaceBinding workspace, AuditEvent event) {
        if (TenantProvisioner.isBeingCreated(workspace.workspaceId())) {
            return; // its first event: no endpoint can subscribe before the workspace exists
        }
        Map<UUID, List<String>> endpoints = subscriptions.subscribed(workspace, WebhookEventTypes.typesOf(event.action()));
        if (endpoints.isEmpty()) {
            return;
        }
        DSLContext tenant = tenantDsl.of(workspace);
        Map<String, Object> data = data(workspace, event);
        endpoints.forEach((endpointId, types) -> types.forEach(type ->
                webhooks.queueIfEnabled(tenant, UUID.randomUUID(), endpointId, type, payload(type, event.occurredAt(), data),
                        event.occurredAt())));
        events.publishEvent(new WebhooksQueued(workspace.workspaceId()));
    }

    /** The versioned body: {@code {"type", "timestamp", "version", "data"}}. */
    static String payload(String type, OffsetDateTime timestamp, Map<String, ?> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", timestamp.toString());
        body.put("version", PAYLOAD_VERSION);
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }

    static Map<String, Object> workspace(WorkspaceBinding workspace) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", workspace.workspaceId().toString());
        values.put("slug", workspace.slug());
        values.put("name", workspace.workspaceName());
        return values;
    }

    private static Map<String, Object> data(WorkspaceBinding workspace, AuditEvent event) {
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put("kind", event.actorKind().name().toLowerCase(Locale.ROOT));
        actor.put("id", event.actorId() == null ? null : event.actorId().toString());
        actor.put("name", event.actorName());
        actor.put("email", event.actorEmail());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("auditEventId", event.id().toString());
        data.put("action", event.action());
        data.put("occurredAt", event.occurredAt().toString());
        data.put("workspace", workspace(workspace));
        data.put("actor", actor);
        if (event.target() != null) {
            data.put("target", Map.of("type", event.target().type(), "id", event.target().id(), "label", event.target().label()));
        } else {
            data.put("target", null);
        }
        data.put("before", tree(event.before()));
        data.put("after", tree(event.after()));
        return data;
    }

    private static @Nullable JsonNode tree(@Nullable String json) {
        return json == null ? null : JSON.readTree(json);
    }
}
