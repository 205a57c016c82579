package dev.atrium.admin.invitation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import dev.atrium.admin.jobs.ClusterJob;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.mail.OutboxMail;

/**
 * Resubmits Atrium's e-mails ({@link OutboxMail}: invitations, reminders, join request outcomes) whose delivery failed,
 * each after a delay that doubles with every attempt up to
 * {@code atrium.invitations.mail.max-retry-delay}. Spring Modulith marks a publication resubmitted with a conditional
 * update, so of several nodes only one resubmits it; publications left unfinished by a stopped node are marked failed
 * by Modulith's staleness monitor and then resubmitted here, and those of a restarted node at its start-up
 * ({@code spring.modulith.events.republish-outstanding-events-on-restart}). The outbox gives up after
 * {@code atrium.invitations.mail.max-attempts} refusals ({@link InvitationMailOutbox}); other mails are given up here
 * after that many attempts: marked completed (and logged), since failed publications are read oldest first, a batch
 * at a time, and mails kept failed for good would fill every batch and keep newer ones from ever being retried.
 */
@Configuration(proxyBeanMethods = false)
class InvitationMailRetries {

    /** Failed publications read per round; more wait for the next one. */
    private static final int BATCH_SIZE = 200;
    private static final Logger log = LoggerFactory.getLogger(InvitationMailRetries.class);

    private final IncompleteEventPublications publications;
    private final EventPublicationRepository outbox;
    private final Duration retryDelay;
    private final Duration maxRetryDelay;
    private final int maxAttempts;
    private final Clock clock;

    InvitationMailRetries(IncompleteEventPublications publications, EventPublicationRepository outbox,
            AtriumProperties properties, Clock clock) {
        this.publications = publications;
        this.outbox = outbox;
        this.retryDelay = properties.invitations().mail().retryDelay();
        this.maxRetryDelay = properties.invitations().mail().maxRetryDelay();
        this.maxAttempts = properties.invitations().mail().maxAttempts();
        this.clock = clock;
    }

    /** Few threads: each holds its invitation locked while it talks to the mail server. */
    @Bean(InvitationMailOutbox.EXECUTOR)
    ThreadPoolTaskExecutor invitationMailExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("invitation-mail-");
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        // Beyond this, a mail waits in the outbox for the staleness monitor and a retry rather than in memory.
        executor.setQueueCapacity(10_000);
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(30);
        return executor;
    }

    /** Once per cluster: the nodes would only compete for the same publications. */
    @Bean
    ClusterJob invitationMailRetryJob() {
        return ClusterJob.every("invitation-mail-retry", retryDelay, this::resubmitDue);
    }

    void resubmitDue() {
        Instant now = clock.instant();
        List<EventPublication> givenUp = new ArrayList<>();
        publications.resubmitIncompletePublications(ResubmissionOptions.defaults()
                .withBatchSize(BATCH_SIZE)
                .withFilter(publication -> {
                    if (!(publication.getEvent() instanceof OutboxMail mail)) {
                        return false;
                    }
                    if (mail.givenUpByRetries() && publication.getCompletionAttempts() >= maxAttempts) {
                        givenUp.add(publication);
                        return false;
                    }
                    return isDue(publication, now);
                }));
        for (EventPublication publication : givenUp) {
            UUID id = publication.getIdentifier();
            outbox.markCompleted(id, now);
            log.warn("Gave up the e-mail {} ({}) after {} attempts", id, publication.getEvent().getClass().getSimpleName(),
                    publication.getCompletionAttempts());
        }
    }

    private boolean isDue(EventPublication publication, Instant now) {
        Instant last = publication.getLastResubmissionDate() != null ? publication.getLastResubmissionDate()
                : publication.getPublicationDate();
        return !now.isBefore(last.plus(delayAfter(publication.getCompletionAttempts())));
    }

    /** The wait after the given number of attempts: the retry delay, doubled per further attempt, capped. */
    private Duration delayAfter(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 20));
        Duration delay = retryDelay.multipliedBy(1L << doublings);
        return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
}
