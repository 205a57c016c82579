package dev.atrium.admin.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.tenancy.LogContext;

/**
 * This node's db-scheduler: every {@link ClusterJob} bean as a recurring task on {@code platform.scheduled_tasks}.
 * db-scheduler picks a due execution with a conditional update of its row ({@code picked = false}, version check), so
 * of all nodes polling the table exactly one runs it, and reschedules it from the injected {@link Clock} when done.
 * A node that dies while running one leaves a stale heartbeat; another node then runs it again.
 */
@Component
public class ClusterJobs implements SmartLifecycle {

    static final String TABLE = "platform.scheduled_tasks";
    /** Each failed attempt means another caller's update of the job's row went through: a few settle it. */
    private static final int MAKE_DUE_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final Clock clock;
    private final List<ClusterJob> jobs;
    private final Duration pollingInterval;
    private final Map<String, CompletableFuture<Void>> runsAwaited = new ConcurrentHashMap<>();
    private volatile @Nullable Scheduler scheduler;

    ClusterJobs(DataSource dataSource, Clock clock, List<ClusterJob> jobs, AtriumProperties properties) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.jobs = List.copyOf(jobs);
        this.pollingInterval = properties.jobs().pollingInterval();
    }

    /**
     * A scheduler on the shared table with this application's jobs (and {@code more} tasks): the one this bean starts,
     * or in tests a second "node" next to it.
     */
    public Scheduler newNode(List<Task<?>> more, String name) {
        List<RecurringTask<Void>> recurring = jobs.stream().map(ClusterJobs::task).toList();
        // Start tasks are known tasks too; they are (re)scheduled by their schedules as the node starts.
        return Scheduler.create(dataSource, new ArrayList<>(more))
                .tableName(TABLE)
                .startTasks(recurring)
                .clock(clock::instant)
                .pollingInterval(pollingInterval)
                .schedulerName(new SchedulerName.Fixed(name + "@" + new SchedulerName.Hostname().getName()))
                .threads(2)
                .shutdownMaxWait(Duration.ofSeconds(30))
                .build();
    }

    private static RecurringTask<Void> task(ClusterJob job) {
        return Tasks.recurring(job.name(), job.schedule()).execute((instance, context) -> {
            try (LogContext.Opened logged = LogContext.open(LogContext.JOB, job.name())) {
                job.work().run();
            }
        });
    }

    /** The job names this application runs. */
    public List<String> names() {
        return jobs.stream().map(ClusterJob::name).toList();
    }

    /**
     * Makes the job due now and waits until a node ran it: for tests and operators, instead of waiting for its time.
     *
     * @throws IllegalArgumentException when there is no such job
     * @throws IllegalStateException when it did not finish within a minute
     */
    public void runNow(String name) {
        if (!names().contains(name)) {
            throw new IllegalArgumentException("No cluster job " + name);
        }
        Scheduler scheduler = this.scheduler;
        if (scheduler == null) {
            throw new IllegalStateException("The cluster jobs are not running");
        }
        while (true) {
            CompletableFuture<Void> done = runsAwaited.computeIfAbsent(name, n -> new CompletableFuture<>());
            try {
                makeDue(scheduler, name);
                awaitRun(done, name);
                return;
            } catch (TaskInstanceCurrentlyExecutingException running) {
                // A run that began before this call may not see what the caller changed just before: let it end, then ask again.
                awaitRun(done, name);
            }
        }
    }

    private static void awaitRun(CompletableFuture<Void> done, String name) {
        try {
            done.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for job " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Job " + name + " did not run", e);
        }
    }

    /**
     * Starts a new scheduler: a stopped db-scheduler cannot start again (its executors are shut down), and the
     * application may be stopped and started again (Spring pauses idle test contexts that way).
     */
    @Override
    public synchronized void start() {
        Scheduler started = newNode(List.of(), "node");
        started.registerSchedulerListener(new AbstractSchedulerListener() {
            @Override
            public void onExecutionComplete(ExecutionComplete completed) {
                CompletableFuture<Void> awaited = runsAwaited.remove(completed.getExecution().taskInstance.getTaskName());
                if (awaited != null) {
                    awaited.complete(null);
                }
            }
        });
        started.start();
        scheduler = started;
        // Due at once rather than run here: a start must not wait for work over every workspace.
        jobs.stream().filter(ClusterJob::dueAtStart).forEach(job -> {
            try {
                makeDue(started, job.name());
            } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException neverOrRunning) {
                // A schedule that never runs has no execution; one running on another node now needs no other run.
            }
        });
    }

    /**
     * Makes the job due now. db-scheduler updates the job's row only if nobody changed it since it read it (another
     * caller making it due, a node picking or rescheduling it); then this reads it again and tries once more, and a
     * job now running is the caller's to handle ({@link TaskInstanceCurrentlyExecutingException}).
     */
    private void makeDue(Scheduler scheduler, String name) {
        for (int attempt = 1;; attempt++) {
            try {
                scheduler.reschedule(TaskInstanceId.of(name, RecurringTask.INSTANCE), clock.instant());
                break;
            } catch (com.github.kagkarlsson.scheduler.exceptions.ExecutionException changedMeanwhile) {
                if (attempt == MAKE_DUE_ATTEMPTS) {
                    throw changedMeanwhile;
                }
            }
        }
        scheduler.triggerCheckForDueExecutions();
    }

    @Override
    public synchronized void stop() {
        Scheduler running = scheduler;
        if (running != null) {
            running.stop();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
