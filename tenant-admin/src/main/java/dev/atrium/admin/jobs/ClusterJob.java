package dev.atrium.admin.jobs;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

/**
 * A job that runs once per cluster on its schedule: declare it as a bean, {@link ClusterJobs} picks it up.
 *
 * @param name     unique and stable: the job's row in {@code scheduled_tasks} is kept under it
 * @param schedule when it runs
 * @param work     what it does; per workspace through {@code TenantBinder.forEachServed}, so one workspace stops no other
 * @param dueAtStart whether a node starting makes it due at once (on one node, after the start), besides its schedule
 */
public record ClusterJob(String name, Schedule schedule, Runnable work, boolean dueAtStart) {

    /** On a Spring-style cron expression (six fields, seconds first); {@code -} never runs it. */
    public static ClusterJob cron(String name, String cron, Runnable work) {
        return new ClusterJob(name, Schedules.cron(cron), work, false);
    }

    /** Again {@code delay} after each run ended. */
    public static ClusterJob every(String name, Duration delay, Runnable work) {
        return new ClusterJob(name, Schedules.fixedDelay(delay), work, false);
    }

    /** The same job, also due whenever a node starts (unless its schedule never runs it). */
    public ClusterJob alsoAtStart() {
        return new ClusterJob(name, schedule, work, true);
    }
}
