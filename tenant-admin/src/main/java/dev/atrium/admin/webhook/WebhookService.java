package dev.atrium.admin.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.tenancy.Actor;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.text.DisplayText;

/**
 * A workspace's webhook endpoints and their delivery logs, for members with {@code webhooks.manage}. Every change is
 * audited in its transaction; an endpoint is locked while it is changed. Secrets are shown once, at creation and
 * rotation; after a rotation the previous secret signs alongside the new one for {@link #PREVIOUS_SECRET_OVERLAP}.
 */
@Service
public class WebhookService {

    public static final Duration PREVIOUS_SECRET_OVERLAP = Duration.ofHours(24);
    /**
     * Replaced secrets signing at once, each for its own day: every one adds a signature to each message, and
     * receivers limit the size of a message's headers.
     */
    public static final int MAX_SIGNING_PREVIOUS_SECRETS = 5;
    public static final int MAX_URL_LENGTH = 2000;
    /** Every event is delivered to each endpoint that takes it: this bounds what one event makes the workspace send. */
    public static final int MAX_ENDPOINTS = 20;
    /** Newest messages an endpoint's log shows. */
    public static final int LOG_SIZE = 50;

    private final WebhookRepository webhooks;
    private final WebhookSubscriptions subscriptions;
    private final WebhookSecrets secrets;
    private final TenantDsl tenantDsl;
    private final DSLContext platform;
    private final AccessControl access;
    private final AuditLog auditLog;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final boolean allowPrivateNetworks;

    WebhookService(WebhookRepository webhooks, WebhookSubscriptions subscriptions, WebhookSecrets secrets, TenantDsl tenantDsl,
            DSLContext platform, AccessControl access, AuditLog auditLog, ApplicationEventPublisher events, Clock clock,
            AtriumProperties properties) {
        this.webhooks = webhooks;
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.tenantDsl = tenantDsl;
        this.platform = platform;
        this.access = access;
        this.auditLog = auditLog;
        this.events = events;
        this.clock = clock;
        this.allowPrivateNetworks = properties.webhooks().allowPrivateNetworks();
    }

    /** The workspace's endpoints, oldest first. */
    @Transactional(readOnly = true)
    public List<WebhookEndpoint> list(TenantScope scope) {
        access.require(scope, Permissions.WEBHOOKS_MANAGE);
        return webhooks.endpoints(tenantDsl.of(scope)).stream().map(WebhookRepository.Endpoint::endpoint).toList();
    }

    /**
     * Adds an endpoint, enabled, with a new secret, which is in the result and nowhere else in clear.
     *
     * @throws WebhookException when the URL or event types are not acceptable, or the workspace has
     *         {@value #MAX_ENDPOINTS} endpoints; nothing is stored
     */
    @Transactional
    public CreatedWebhook create(TenantScope scope, WebhookDraft draft) {
        access.require(scope, Permissions.WEBHOOKS_MANAGE);
        String url = url(draft.url());
        List<String> types = eventTypes(draft.eventTypes());
        DSLContext tenant = tenantDsl.of(scope);
        if (webhooks.lockAndCountEndpoints(tenant, scope) >= MAX_ENDPOINTS) {
            throw new WebhookException("webhook.too-many", MAX_ENDPOINTS);
        }
        UUID id = UUID.randomUUID();
        String secret = WebhookSecrets.newSecret();
        webhooks.insertEndpoint(tenant, id, url, types, secrets.seal(scope.workspaceId(), id, secret),
                scope.actor() instanceof Actor.Member member ? member.accountId() : null, now());
        WebhookRepository.HAD_ENDPOINTS.list(platform, scope.workspaceId());
        subscriptions.changed(scope.workspaceId());
        auditLog.record(scope, AuditActions.WEBHOOK_CREATED, target(id, url), null, settings(url, types, true));
        return new CreatedWebhook(locked(tenant, id).endpoint(), secret);
    }

    /** Changes the URL and event types. */
    @Transactional
    public WebhookEndpoint update(TenantScope scope, UUID id, WebhookDraft draft) {
        access.require(scope, Permissions.WEBHOOKS_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        WebhookEndpoint before = locked(tenant, id).endpoint();
        String url = url(draft.url());
        List<String> types = eventTypes(draft.eventTypes());
        webhooks.update(tenant, id, url, types);
        subscriptions.changed(scope.workspaceId());
        auditLog.record(scope, AuditActions.WEBHOOK_UPDATED, target(id, url), settings(before.url(), before.eventTypes(), before.enabled()),
                settings(url, types, before.enabled()));
        return locked(tenant, id).endpoint();
    }

    /** Enables or disables the endpoint; enabling sends what waited for it, oldest first. */
    @Transactional
    public WebhookEndpoint setEnabled(TenantScope scope, UUID id, boolean enabled) {
        access.require(scope, Permissions.WEBHOOKS_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        WebhookEndpoint before = locked(tenant, id).endpoint();
        if (before.enabled() != enabled) {
            webhooks.setEnabled(tenant, id, enabled, null);
            subscriptions.changed(scope.workspaceId());
            auditLog.record(scope, enabled ? AuditActions.WEBHOOK_ENABLED : AuditActions.WEBHOOK_DISABLED, target(id, before.url()),
                    Map.of("enabled", before.enabled()), Map.of("enabled", enabled));
            if (enabled) {
                events.publishEvent(new WebhooksQueued(scope.workspaceId()));
            }
        }
        return locked(tenant, id).endpoint();
    }

    /** Removes the endpoint with its messages and their log. */
    @Transactional
    public void delete(TenantScope scope, UUID id) {
        access.require(scope, Permissions.WEBHOOKS_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        WebhookEndpoint before = locked(tenant, id).endpoint();
        webhooks.delete(tenant, id);
        subscriptions.changed(scope.workspaceId());
        auditLog.record(scope, AuditActions.WEBHOOK_DELETED, target(id, before.url()),
                settings(before.url(), before.eventTypes(), before.enabled()), null);
    }

    /**
     * Gives the endpoint a new secret, which signs from now on; the one it replaces signs alongside for a day, so
     * receivers can switch without losing a message, also when it is rotated again within that day (each replaced
     * secret keeps its own day, at most {@value #MAX_SIGNING_PREVIOUS_SECRETS} at once).
     *
     * @return the new secret, shown this once
     */
    @Transactional
    public String rotateSecret(TenantScope scope, UUID id) {
        access.require(scope, Permissions.WEBHOOKS_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        WebhookRepository.Endpoint before = locked(tenant, id);
        OffsetDateTime now = now();
        if (webhooks.previousSecretsSigning(tenant, id, now).size() >= MAX_SIGNING_PREVIOUS_SECRETS) {
            throw new WebhookException("webhook.rotated-too-often", MAX_SIGNING_PREVIOUS_SECRETS, PREVIOUS_SECRET_OVERLAP.toHours());
        }
        String secret = WebhookSecrets.newSecret();
        OffsetDateTime previousUntil = now.plus(PREVIOUS_SECRET_OVERLAP);
        webhooks.rotate(tenant, id, secrets.seal(scope.workspaceId(), id, secret), before.secretSealed(), previousUntil, now);
        auditLog.record(scope, AuditActions.WEBHOOK_SECRET_ROTATED, target(id, before.endpoint().url()), null,
                Map.of("previousSecretSignsUntil", previousUntil.toString()));
        return secret;
    }

    /** The endpoint's newest messages, each with every attempt. */
    @Transactional(readOnly = true)
    public List<WebhookDelivery> deliveries(TenantScope scope, UUID endpointId) {
        access.require(scope, Permissions.WEBHOOKS_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        if (webhooks.endpoints(tenant).stream().noneMatch(endpoint -> endpoint.endpoint().id().equals(endpointId))) {
            throw new WebhookException("webhook.missing");
        }
        return webhooks.deliveries(tenant, endpointId, LOG_SIZE);
    }

    /**
     * Sends a delivered or failed message again, with the same webhook-id, as soon as it is its endpoint's oldest
     * pending one.
     *
     * @throws WebhookException when there is no such message or it is still pending
     */
    @Transactional
    public void redeliver(TenantScope scope, UUID deliveryId) {
        access.require(scope, Permissions.WEBHOOKS_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        UUID endpointId = webhooks.endpointOf(tenant, deliveryId).orElseThrow(() -> new WebhookException("webhook.delivery-missing"));
        WebhookEndpoint endpoint = locked(tenant, endpointId).endpoint();
        if (webhooks.redeliver(tenant, deliveryId, now()) == 0) {
            throw new WebhookException("webhook.delivery-pending");
        }
        auditLog.record(scope, AuditActions.WEBHOOK_REDELIVERED, target(endpointId, endpoint.url()), null,
                Map.of("message", deliveryId.toString()));
        events.publishEvent(new WebhooksQueued(scope.workspaceId()));
    }

    /** Queues a {@value WebhookEventTypes#TEST} message to this endpoint only. */
    @Transactional
    public void sendTest(TenantScope scope, UUID endpointId) {
        access.require(scope, Permissions.WEBHOOKS_MANAGE);
        DSLContext tenant = tenantDsl.of(scope);
        WebhookEndpoint endpoint = locked(tenant, endpointId).endpoint();
        OffsetDateTime now = now();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("endpointId", endpointId.toString());
        data.put("workspace", WebhookFeed.workspace(scope));
        UUID id = UUID.randomUUID();
        webhooks.insertDelivery(tenant, id, endpointId, WebhookEventTypes.TEST, WebhookFeed.payload(WebhookEventTypes.TEST, now, data), now);
        auditLog.record(scope, AuditActions.WEBHOOK_TEST_SENT, target(endpointId, endpoint.url()), null, Map.of("message", id.toString()));
        events.publishEvent(new WebhooksQueued(scope.workspaceId()));
    }

    private WebhookRepository.Endpoint locked(DSLContext tenant, UUID id) {
        return webhooks.lockEndpoint(tenant, id).orElseThrow(() -> new WebhookException("webhook.missing"));
    }

    /**
     * An absolute https URL (http too where private networks are allowed), with a valid port if any, without credentials
     * or fragment, and without characters that are invisible or reorder the text (bidi overrides), which would make
     * the address people read in the list and the audit log differ from where messages go.
     */
    private String url(String typed) {
        String url = typed.strip();
        if (url.isEmpty() || url.length() > MAX_URL_LENGTH || DisplayText.containsInvisible(url)) {
            throw new WebhookException("webhook.url-invalid", MAX_URL_LENGTH);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new WebhookException("webhook.url-invalid", MAX_URL_LENGTH);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowPrivateNetworks)) {
            throw new WebhookException("webhook.url-https");
        }
        // URI takes any number as a port; the client could not connect to one outside 1-65535.
        boolean badPort = uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535);
        if (uri.getHost() == null || badPort || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw new WebhookException("webhook.url-invalid", MAX_URL_LENGTH);
        }
        return uri.toString();
    }

    /** Known types, in the catalog's order, each once. */
    private static List<String> eventTypes(List<String> chosen) {
        for (String type : chosen) {
            if (!WebhookEventTypes.subscribable().contains(type)) {
                throw new WebhookException("webhook.unknown-event", type);
            }
        }
        List<String> types = WebhookEventTypes.subscribable().stream().filter(chosen::contains).toList();
        if (types.isEmpty()) {
            throw new WebhookException("webhook.no-events");
        }
        return types;
    }

    private static AuditTarget target(UUID id, String url) {
        return new AuditTarget("webhook", id.toString(), url);
    }

    private static Map<String, Object> settings(String url, List<String> types, boolean enabled) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("url", url);
        values.put("eventTypes", types);
        values.put("enabled", enabled);
        return values;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }
}
