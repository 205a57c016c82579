package dev.atrium.admin.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import dev.atrium.admin.Races;
import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.invitation.InvitationExpiries;
import dev.atrium.admin.time.MutableClock;

/**
 * Two scheduler nodes (two db-scheduler instances, as two application nodes would run them) on the same
 * {@code scheduled_tasks} table, both told to look for due jobs at the same moment: the due job runs exactly once.
 * <p>
 * Before (each node running its own {@code @Scheduled} method) a due job ran once per node: 2 runs on 2 nodes, every
 * time, by construction. With db-scheduler: 0 of 10 races ran it twice.
 */
@SpringBootTest
class ClusterJobsOnceTest {

    private static final int RACES = 10;
    private static final String JOB = "test-once-per-cluster";

    @Autowired ClusterJobs jobs;
    @Autowired MutableClock clock;
    @Autowired DataSource dataSource;
    @Autowired AtriumProperties properties;

    @Test
    void aDueJobRunsOnceAcrossTwoNodesPollingAtOnce() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<CountDownLatch> ran = new AtomicReference<>();
        RecurringTask<Void> counting = Tasks.recurring(JOB, Schedules.cron("0 0 4 * * *")).execute((instance, context) -> {
            runs.incrementAndGet();
            ran.get().countDown();
        });
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            Scheduler a = jobs.newNode(List.of(counting), "test-a");
            Scheduler b = jobs.newNode(List.of(counting), "test-b");
            runs.set(0);
            ran.set(new CountDownLatch(1));
            if (a.getScheduledExecution(TaskInstanceId.of(JOB, RecurringTask.INSTANCE)).isPresent()) {
                a.reschedule(TaskInstanceId.of(JOB, RecurringTask.INSTANCE), clock.instant());
            } else {
                a.schedule(counting.instance(RecurringTask.INSTANCE), clock.instant());
            }
            a.start();
            b.start();
            Races.run(a::triggerCheckForDueExecutions, b::triggerCheckForDueExecutions);
            assertThat(ran.get().await(30, TimeUnit.SECONDS)).as("the due job ran").isTrue();
            // Stopping waits for what either node is still running: every run there was is counted below.
            a.stop();
            b.stop();
            if (runs.get() != 1) {
                violations++;
            }
            assertThat(a.getScheduledExecution(TaskInstanceId.of(JOB, RecurringTask.INSTANCE)).orElseThrow().getExecutionTime())
                    .as("rescheduled to its next time").isAfter(clock.instant());
        }
        assertThat(violations).as(Races.rate("a due job runs once per cluster", violations, RACES)).isZero();
    }

    /**
     * Several asking at once for a job to run now (operators, a node starting) each see it run: making it due updates its
     * row only if nobody changed it since it was read, and a caller whose update found it changed tries again. Without
     * that, 10 of 10 rounds had a caller fail ("Expected one execution to be updated, but updated 0"); a node's start
     * failed so in CI.
     */
    @Test
    void severalAskingAtOnceForAJobToRunNowEachSeeItRun() {
        int violations = 0;
        for (int i = 0; i < RACES; i++) {
            Runnable ask = () -> jobs.runNow(InvitationExpiries.JOB);
            violations += Races.run(ask, ask, ask).stream().anyMatch(Objects::nonNull) ? 1 : 0;
        }
        assertThat(violations).as(Races.rate("each of three callers asking for a job to run now sees it run", violations, RACES)).isZero();
    }

    /** As the audit checkpoint after an upgrade: run soon after a node starts, without the start waiting for it. */
    @Test
    void aJobDueAtStartRunsSoonAfterANodeStartsUnlessItsScheduleNeverRunsIt() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(1);
        AtomicInteger neverRuns = new AtomicInteger();
        ClusterJobs node = new ClusterJobs(dataSource, clock, List.of(
                ClusterJob.cron("test-due-at-start", "0 0 4 1 1 *", ran::countDown).alsoAtStart(),
                ClusterJob.cron("test-never", "-", neverRuns::incrementAndGet).alsoAtStart()), properties);
        node.start();
        try {
            assertThat(ran.await(30, TimeUnit.SECONDS)).as("ran long before its yearly time").isTrue();
        } finally {
            node.stop();
        }
        assertThat(neverRuns).as("a job whose schedule is -").hasValue(0);
    }

    @Test
    void everyJobOfTheApplicationIsAClusterJob() {
        assertThat(jobs.names()).contains("audit-purge", "audit-checkpoint", "domain-recheck", "invitation-mail-retry",
                "invitation-reminders", "invitation-expiries", "workspace-purge", "spare-schema-refill");
    }
}
