package dev.atrium.admin.tenancy;

import java.util.UUID;

import org.slf4j.MDC;

/**
 * What every log line of a unit of work carries (SLF4J's MDC, written out by Spring Boot's structured logging): the
 * request's id or the cluster job's name, and the workspace it works in once one is bound. A unit of work opens its
 * context and closes it when done; binding a workspace ({@link TenantBinder}) adds its id only inside such a context,
 * so a pooled thread never carries a workspace into work that is not its own.
 */
public final class LogContext {

    /** The HTTP request's id ({@code X-Request-Id}). */
    public static final String REQUEST_ID = "requestId";
    /** The cluster job that runs. */
    public static final String JOB = "job";
    /** The bound workspace's id. */
    public static final String WORKSPACE_ID = "workspaceId";

    /** A unit of work's context: closing it removes what it put, and the workspace bound in it. */
    public interface Opened extends AutoCloseable {
        @Override
        void close();
    }

    private LogContext() {
    }

    /** Opens a unit of work's context: a request ({@link #REQUEST_ID}) or a job run ({@link #JOB}). */
    public static Opened open(String key, String value) {
        MDC.put(key, value);
        return () -> {
            MDC.remove(WORKSPACE_ID);
            MDC.remove(key);
        };
    }

    /** The unit of work now works in this workspace (nothing outside a unit of work's context). */
    public static void workspace(UUID workspaceId) {
        if (MDC.get(REQUEST_ID) != null || MDC.get(JOB) != null) {
            MDC.put(WORKSPACE_ID, workspaceId.toString());
        }
    }
}
