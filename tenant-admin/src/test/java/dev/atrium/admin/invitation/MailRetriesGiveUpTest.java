package dev.atrium.admin.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.Async;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.atrium.admin.mail.OutboxMail;

/**
 * Mails the retries give up must not stay in the way of the others. Failed publications are read oldest first, a
 * batch (200) at a time: before, a mail given up stayed failed for good, so once a batch's worth of them had piled up
 * (an SMTP outage long enough), no newer mail was ever retried again; in a full tenant-admin run, where the tests'
 * leftovers pile up, an invitation mail's last retry came too late once. Now a given-up mail leaves the outbox.
 */
@SpringBootTest
class MailRetriesGiveUpTest {

    /** More than one batch of the retry job. */
    private static final int GIVEN_UP = 250;

    @Autowired ApplicationEventPublisher events;
    @Autowired TransactionTemplate transaction;
    @Autowired Listener listener;

    @Test
    void aMailRefusedOnceIsRetriedEvenAfterABatchOfOtherMailsWasGivenUp() throws InterruptedException {
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < GIVEN_UP; i++) {
                events.publishEvent(new TestMail(UUID.randomUUID(), true));
            }
        });
        // max-attempts is 5 (application.properties): each doomed mail is tried 5 times, then given up.
        await().atMost(Duration.ofSeconds(90)).until(() -> listener.doomedAttempts() >= GIVEN_UP * 5);

        TestMail late = new TestMail(UUID.randomUUID(), false);
        transaction.executeWithoutResult(status -> events.publishEvent(late));

        assertThat(listener.awaitDelivered()).as("the mail refused once was retried and delivered").isTrue();
        assertThat(listener.attemptsOf(late.id())).isEqualTo(2);
    }

    /** An e-mail of the outbox: a doomed one is refused every time, the other once. */
    record TestMail(UUID id, boolean doomed) implements OutboxMail {
    }

    /** Read through its methods: the bean is a proxy (for {@code @Async}). */
    static class Listener {

        private final AtomicInteger doomedAttempts = new AtomicInteger();
        private final ConcurrentHashMap<UUID, Integer> attempts = new ConcurrentHashMap<>();
        private final CountDownLatch delivered = new CountDownLatch(1);

        public int doomedAttempts() {
            return doomedAttempts.get();
        }

        public boolean awaitDelivered() throws InterruptedException {
            return delivered.await(30, TimeUnit.SECONDS);
        }

        public int attemptsOf(UUID id) {
            return attempts.getOrDefault(id, 0);
        }

        @Async(OutboxMail.EXECUTOR)
        @TransactionalEventListener
        public void deliver(TestMail mail) {
            int attempt = attempts.merge(mail.id(), 1, Integer::sum);
            if (mail.doomed()) {
                doomedAttempts.incrementAndGet();
                throw new IllegalStateException("refused");
            }
            if (attempt == 1) {
                throw new IllegalStateException("refused once");
            }
            delivered.countDown();
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Listening {

        @Bean
        Listener testMailListener() {
            return new Listener();
        }
    }
}
