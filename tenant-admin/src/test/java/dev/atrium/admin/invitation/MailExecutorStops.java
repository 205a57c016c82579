package dev.atrium.admin.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.springframework.modulith.events.EventPublication;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Stops the mail executor as a stopping application would, so that mails stay in the outbox, and starts it again.
 * <p>
 * Spring's {@code initialize()} gives the executor a new pool and a new count of running tasks, which its pause (at a
 * switch to another test context) waits to reach zero. A task of the old pool that ends after that decrements the new
 * count below zero, and every later pause of the context then waits its full 30 s. Mails other test classes left in
 * the outbox, resubmitted by the retry job, kept the old pool busy for longer than the 30 s its shutdown waits: so the
 * stop drops the queued mails (they stay in the outbox, as a stopped node's do) and waits for the running ones.
 */
final class MailExecutorStops {

    private MailExecutorStops() {
    }

    static void stop(ThreadPoolTaskExecutor executor) {
        ThreadPoolExecutor pool = executor.getThreadPoolExecutor();
        pool.shutdown();
        pool.getQueue().clear();
        try {
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("the mails being sent finished").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts a stopped executor again; a running one is left as it is. */
    static void restart(ThreadPoolTaskExecutor executor) {
        if (executor.getThreadPoolExecutor().isShutdown()) {
            executor.initialize();
        }
    }

    /**
     * The invitation mails of one workspace: what a test resubmits in place of a restart's every unfinished mail, so
     * that its own do not queue behind the hundreds other test classes left in the outbox.
     */
    static Predicate<EventPublication> invitationMailsOf(UUID workspaceId) {
        return publication -> publication.getEvent() instanceof InvitationMailQueued mail
                && mail.workspaceId().equals(workspaceId);
    }
}
