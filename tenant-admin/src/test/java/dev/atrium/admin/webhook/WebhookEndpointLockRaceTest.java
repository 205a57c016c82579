package dev.atrium.admin.webhook;

import static dev.atrium.db.jooq.tenant.Tables.WEBHOOK_DELIVERY;
import static dev.atrium.db.jooq.tenant.Tables.WEBHOOK_ENDPOINT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.sun.net.httpserver.HttpServer;

import dev.atrium.admin.TestLocks;
import dev.atrium.admin.TestWorkspaces;
import dev.atrium.admin.jobs.ClusterJobs;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.time.MutableClock;
import dev.atrium.admin.webhook.WebhookDelivery.Status;

/**
 * While a message is in flight its endpoint is locked: deleting the endpoint waits for the attempt instead of
 * deadlocking with its end (which disables the endpoint after a day of failures), and no second message to the same
 * endpoint goes out meanwhile, not even an older one redelivered, or committed late, during the attempt.
 */
@SpringBootTest
class WebhookEndpointLockRaceTest {

    @Autowired WebhookService webhooks;
    @Autowired WebhookDeliveries deliveries;
    @Autowired WebhookRepository repository;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired TestWorkspaces teams;
    @Autowired TenantBinder binder;
    @Autowired TenantDsl tenantDsl;
    @Autowired TestLocks locks;
    @Autowired ClusterJobs clusterJobs;
    @Autowired MutableClock clock;

    private final HeldReceiver receiver = new HeldReceiver();
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void closeAndRunJobs() {
        receiver.release();
        receiver.close();
        threads.shutdownNow();
        if (!clusterJobs.isRunning()) {
            clusterJobs.start();
        }
    }

    @Test
    void deletingTheEndpointDuringItsLastAttemptWaitsForItAndDeletesIt() {
        receiver.answering(503);
        TenantScope owner = teams.newWorkspace("Delia");
        TenantScope system = binder.bindSystem(owner.workspaceId());
        DSLContext tenant = tenantDsl.of(owner);
        UUID endpoint = newEndpoint(owner);
        // Failing for a day already: this attempt's failure disables the endpoint.
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
        repository.insertDelivery(tenant, UUID.randomUUID(), endpoint, WebhookEventTypes.TEST, "{}", now);
        tenant.update(WEBHOOK_DELIVERY).set(WEBHOOK_DELIVERY.FIRST_ATTEMPT_AT, now.minusHours(25)).set(WEBHOOK_DELIVERY.ATTEMPTS, 20)
                .execute();

        CompletableFuture<Integer> attempt = CompletableFuture.supplyAsync(() -> deliveries.deliverDue(system), threads);
        receiver.awaitArrivals(1);
        CompletableFuture<Void> delete = CompletableFuture.runAsync(() -> webhooks.delete(owner, endpoint), threads);
        await().until(() -> delete.isDone() || locks.someoneWaitsIn(tenant.render(WEBHOOK_ENDPOINT)));
        receiver.release();

        assertThat(attempt).as("the attempt").succeedsWithin(30, TimeUnit.SECONDS).isEqualTo(1);
        assertThat(delete).as("the delete").succeedsWithin(30, TimeUnit.SECONDS);
        assertThat(webhooks.list(owner)).isEmpty();
    }

    @Test
    void anOlderMessageRedeliveredDuringAnAttemptGoesOutAfterIt() {
        TenantScope owner = teams.newWorkspace("Otto");
        TenantScope system = binder.bindSystem(owner.workspaceId());
        DSLContext tenant = tenantDsl.of(owner);
        UUID endpoint = newEndpoint(owner);
        UUID older = UUID.randomUUID();
        repository.insertDelivery(tenant, older, endpoint, WebhookEventTypes.TEST, "{}", now());
        receiver.release();
        assertThat(deliveries.deliverDue(system)).isEqualTo(1);
        receiver.hold();
        repository.insertDelivery(tenant, UUID.randomUUID(), endpoint, WebhookEventTypes.TEST, "{}", now());

        CompletableFuture<Integer> attempt = CompletableFuture.supplyAsync(() -> deliveries.deliverDue(system), threads);
        receiver.awaitArrivals(2);
        CompletableFuture<Void> redeliver = CompletableFuture.runAsync(() -> webhooks.redeliver(owner, older), threads);
        await().until(() -> redeliver.isDone() || locks.someoneWaitsIn(tenant.render(WEBHOOK_ENDPOINT)));
        // A second worker, as the delivery job would be (the redelivery's kick is a third, once it commits).
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> deliveries.deliverDue(system), threads);
        await().until(() -> receiver.arrivals() > 2 || (second.isDone() && !redeliver.isDone()));
        receiver.release();

        assertThat(attempt).succeedsWithin(30, TimeUnit.SECONDS);
        assertThat(second).succeedsWithin(30, TimeUnit.SECONDS);
        assertThat(redeliver).succeedsWithin(30, TimeUnit.SECONDS);
        await().until(() -> webhooks.deliveries(owner, endpoint).stream().allMatch(d -> d.status() == Status.DELIVERED));
        assertThat(receiver.arrivals()).as("the older message twice, the newer once").isEqualTo(3);
        assertThat(receiver.mostAtOnce()).as("requests in flight to the endpoint at once").isEqualTo(1);
    }

    @Test
    void anOlderMessageCommittedLateDuringAnAttemptGoesOutAfterIt() throws InterruptedException {
        TenantScope owner = teams.newWorkspace("Lotte");
        TenantScope system = binder.bindSystem(owner.workspaceId());
        DSLContext tenant = tenantDsl.of(owner);
        UUID endpoint = newEndpoint(owner);
        CountDownLatch queued = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> late = CompletableFuture.runAsync(() -> new TransactionTemplate(transactionManager).executeWithoutResult(open -> {
            repository.insertDelivery(tenant, UUID.randomUUID(), endpoint, WebhookEventTypes.TEST, "{}", now());
            queued.countDown();
            try {
                commit.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }), threads);
        queued.await();
        repository.insertDelivery(tenant, UUID.randomUUID(), endpoint, WebhookEventTypes.TEST, "{}", now());

        CompletableFuture<Integer> attempt = CompletableFuture.supplyAsync(() -> deliveries.deliverDue(system), threads);
        receiver.awaitArrivals(1);
        commit.countDown();
        assertThat(late).succeedsWithin(30, TimeUnit.SECONDS);
        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> deliveries.deliverDue(system), threads);
        await().until(() -> receiver.arrivals() > 1 || second.isDone());
        receiver.release();

        assertThat(attempt).succeedsWithin(30, TimeUnit.SECONDS);
        assertThat(second).succeedsWithin(30, TimeUnit.SECONDS);
        deliveries.deliverDue(system);
        assertThat(webhooks.deliveries(owner, endpoint)).extracting(WebhookDelivery::status).containsOnly(Status.DELIVERED);
        assertThat(receiver.mostAtOnce()).as("requests in flight to the endpoint at once").isEqualTo(1);
    }

    /** An endpoint whose messages only this test's calls send: no job runs, and messages are queued without a kick. */
    private UUID newEndpoint(TenantScope owner) {
        clusterJobs.stop();
        return webhooks.create(owner, new WebhookDraft(receiver.url(), List.of(WebhookEventTypes.MEMBER_JOINED))).endpoint().id();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** A receiver that holds each request until released, counting how many it holds at once. */
    private static final class HeldReceiver implements AutoCloseable {

        private final HttpServer server;
        private volatile CountDownLatch released = new CountDownLatch(1);
        private volatile int status = 200;
        private final AtomicInteger arrivals = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger mostAtOnce = new AtomicInteger();

        HeldReceiver() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    in.readAllBytes();
                }
                mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                arrivals.incrementAndGet();
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        HeldReceiver answering(int answered) {
            status = answered;
            return this;
        }

        void hold() {
            released = new CountDownLatch(1);
        }

        void release() {
            released.countDown();
        }

        void awaitArrivals(int count) {
            await().until(() -> arrivals.get() >= count);
        }

        int arrivals() {
            return arrivals.get();
        }

        int mostAtOnce() {
            return mostAtOnce.get();
        }

        @Override
        public void close() {
            server.stop(0);
            ((ExecutorService) server.getExecutor()).shutdownNow();
        }
    }
}
