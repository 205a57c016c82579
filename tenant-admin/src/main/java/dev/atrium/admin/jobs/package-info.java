/**
 * Jobs that run once per cluster, not once per node: each capability declares its {@link dev.atrium.admin.jobs.ClusterJob}
 * beans, and {@link dev.atrium.admin.jobs.ClusterJobs} runs them as db-scheduler recurring tasks on the platform's
 * {@code scheduled_tasks} table, where each due execution is picked by exactly one node.
 */
@NullMarked
package dev.atrium.admin.jobs;

import org.jspecify.annotations.NullMarked;
