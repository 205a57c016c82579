package dev.atrium.admin.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import dev.atrium.admin.audit.AuditActions;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.webhook.WebhookDelivery.Status;
import dev.atrium.admin.webhook.WebhookRepository.Claimed;

/**
 * Sends the webhook outbox: right after a commit that queued messages (on this node), and by the cluster job
 * {@value #JOB} for retries and for what a stopped node left. Each message is sent in its own transaction holding its
 * row locked ({@link WebhookRepository#claimDue}), so two workers never send the same message at once, and the attempt
 * and its outcome commit together; a crash between sending and committing sends it again (at least once; receivers
 * de-duplicate by webhook-id). A failed message is retried after a delay that doubles per attempt up to
 * {@code max-retry-delay}, until {@code retry-window} after its first attempt; then it fails, its endpoint is disabled
 * and the workspace's admins see why (audit event, the Webhooks page and an e-mail to each).
 */
@Component
public class WebhookDeliveries {

    static final String EXECUTOR = "webhookExecutor";
    public static final String JOB = "webhook-delivery";

    /** Messages one call sends at most, so one busy workspace does not keep a worker from the others. */
    private static final int MAX_PER_RUN = 500;
    /**
     * How often the job, on each node, visits every workspace instead of only those listed as having had an endpoint:
     * also at a node's first run, for endpoints made before workspaces were listed.
     */
    static final Duration FULL_SWEEP_INTERVAL = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(WebhookDeliveries.class);

    private final WebhookRepository webhooks;
    private final WebhookSubscriptions subscriptions;
    private final WebhookSecrets secrets;
    private final WebhookSender sender;
    private final TenantBinder binder;
    private final TenantDsl tenantDsl;
    private final AuditLog auditLog;
    private final WebhookDisabledMails disabledMails;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final AtriumProperties.Webhooks settings;
    private final Counter failures;
    private final DSLContext platform;
    private volatile @Nullable Instant lastFullSweep;

    WebhookDeliveries(WebhookRepository webhooks, WebhookSubscriptions subscriptions, WebhookSecrets secrets, WebhookSender sender,
            TenantBinder binder, TenantDsl tenantDsl, AuditLog auditLog, WebhookDisabledMails disabledMails, PlatformTransactionManager transactionManager, Clock clock,
            AtriumProperties properties, ObjectProvider<MeterRegistry> meters, DSLContext platform) {
        this.webhooks = webhooks;
        this.platform = platform;
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.sender = sender;
        this.binder = binder;
        this.tenantDsl = tenantDsl;
        this.auditLog = auditLog;
        this.disabledMails = disabledMails;
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.settings = properties.webhooks();
        this.failures = Counter.builder("atrium.webhook.delivery.failures").description("Webhook delivery attempts that failed")
                .register(meters.getIfAvailable(() -> Metrics.globalRegistry));
    }

    /** After the commit that queued messages: send them now rather than at the job's next run. */
    @Async(EXECUTOR)
    @TransactionalEventListener
    public void queued(WebhooksQueued queued) {
        try {
            deliverDue(binder.bindSystem(queued.workspaceId()));
        } catch (TenantNotFoundException e) {
            log.info("Webhooks of workspace {} not sent: it no longer exists", queued.workspaceId());
        } catch (RuntimeException e) {
            // The messages stay in the outbox; the delivery job tries again.
            log.warn("Sending webhooks of workspace {} failed", queued.workspaceId(), e);
        }
    }

    /**
     * The delivery job's run: sends what is due in the workspaces that have had an endpoint (no other can have a
     * message), so that a run does not grow with the number of workspaces; every {@link #FULL_SWEEP_INTERVAL} in all.
     *
     * @return how many workspaces it visited
     */
    int deliverDueEverywhere() {
        Instant now = clock.instant();
        Instant last = lastFullSweep;
        if (last == null || !now.isBefore(last.plus(FULL_SWEEP_INTERVAL))) {
            lastFullSweep = now;
            return binder.forEachServed("Webhook delivery", this::deliverDue);
        }
        return binder.forEachServed("Webhook delivery", WebhookRepository.HAD_ENDPOINTS.listed(platform), this::deliverDue);
    }

    /**
     * Sends the workspace's due messages, each endpoint's in creation order.
     *
     * @return how many attempts this call made
     */
    public int deliverDue(TenantScope system) {
        int attempts = 0;
        while (attempts < MAX_PER_RUN && Boolean.TRUE.equals(transaction.execute(status -> deliverNext(system)))) {
            attempts++;
        }
        return attempts;
    }

    /** @return whether a due message was found (and attempted) */
    private boolean deliverNext(TenantScope system) {
        DSLContext tenant = tenantDsl.of(system);
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        Optional<Claimed> found = webhooks.claimDue(tenant, now);
        if (found.isEmpty()) {
            return false;
        }
        Claimed message = found.get();
        String id = message.id().toString();
        long timestamp = now.toEpochSecond();
        WebhookSender.Outcome outcome = sender.post(message.endpoint().endpoint().url(), Map.of(
                "webhook-id", id,
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signatures(system, tenant, message.endpoint(), id, timestamp, message.payload(), now)), message.payload());
        webhooks.recordAttempt(tenant, message.id(), now, outcome);
        OffsetDateTime firstAttempt = message.firstAttemptAt() == null ? now : message.firstAttemptAt();
        int changed;
        if (!outcome.delivered()) {
            failures.increment();
        }
        if (outcome.delivered()) {
            changed = webhooks.recordOutcome(tenant, message.id(), Status.DELIVERED, firstAttempt, now, now);
        } else if (!now.isBefore(firstAttempt.plus(settings.retryWindow()))) {
            changed = webhooks.recordOutcome(tenant, message.id(), Status.FAILED, firstAttempt, now, null);
            disable(system, tenant, message, outcome);
        } else {
            changed = webhooks.recordOutcome(tenant, message.id(), Status.PENDING, firstAttempt,
                    now.plus(delayAfter(message.attempts() + 1)), null);
        }
        if (changed != 1) {
            throw new IllegalStateException("Webhook message " + id + " changed while locked");
        }
        return true;
    }

    /** The current secret's signature, and those of the secrets rotations replaced that still sign. */
    private String signatures(TenantScope system, DSLContext tenant, WebhookRepository.Endpoint endpoint, String id, long timestamp,
            String body, OffsetDateTime now) {
        UUID endpointId = endpoint.endpoint().id();
        List<byte[]> sealed = new ArrayList<>();
        sealed.add(endpoint.secretSealed());
        sealed.addAll(webhooks.previousSecretsSigning(tenant, endpointId, now));
        return sealed.stream()
                .map(secret -> WebhookSecrets.signature(secrets.open(system.workspaceId(), endpointId, secret), id, timestamp, body))
                .collect(Collectors.joining(" "));
    }

    /** The wait after the given number of attempts: the retry delay, doubled per further attempt, capped. */
    Duration delayAfter(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = settings.retryDelay().multipliedBy(1L << doublings);
        return delay.compareTo(settings.maxRetryDelay()) > 0 ? settings.maxRetryDelay() : delay;
    }

    /** The endpoint kept failing for the whole retry window: it is disabled, and the admins told why. */
    private void disable(TenantScope system, DSLContext tenant, Claimed message, WebhookSender.Outcome outcome) {
        WebhookEndpoint endpoint = message.endpoint().endpoint();
        String lastError = outcome.error() == null ? "" : outcome.error();
        webhooks.setEnabled(tenant, endpoint.id(), false, lastError);
        subscriptions.changed(system.workspaceId());
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("enabled", false);
        after.put("failedMessage", message.id().toString());
        after.put("attempts", message.attempts() + 1);
        after.put("lastError", lastError);
        auditLog.record(system, AuditActions.WEBHOOK_DISABLED_AFTER_FAILURES, new AuditTarget("webhook", endpoint.id().toString(),
                endpoint.url()), Map.of("enabled", true), after);
        disabledMails.queue(system, endpoint, lastError);
        log.warn("Disabled webhook endpoint {} of workspace {}: its deliveries failed for {}", endpoint.id(), system.slug(),
                settings.retryWindow());
    }

    /** The executor for sending right after a commit, and the cluster job that sends what is due. */
    @Configuration(proxyBeanMethods = false)
    static class Schedule {

        /**
         * A plain executor, not a Spring TaskExecutor: Vaadin takes the application's only TaskExecutor (the invitation
         * mail executor) and refuses to choose among several. Shutting down lets queued kicks finish.
         */
        @Bean(name = EXECUTOR, destroyMethod = "shutdown")
        ThreadPoolExecutor webhookExecutor() {
            // Beyond the queue a kick is dropped: the messages wait in the outbox for the delivery job.
            return new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(10_000),
                    Thread.ofPlatform().name("webhooks-", 0).factory(), new ThreadPoolExecutor.DiscardPolicy());
        }

        @Bean
        ClusterJob webhookDeliveryJob(WebhookDeliveries deliveries, AtriumProperties properties) {
            return ClusterJob.every(JOB, properties.webhooks().pollingInterval(), deliveries::deliverDueEverywhere);
        }
    }
}
