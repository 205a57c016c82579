package dev.atrium.admin.tenancy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Tells every application node that something a node may cache about a workspace (or an account) changed, through
 * PostgreSQL's {@code LISTEN/NOTIFY}: no other infrastructure. {@link #announce} sends a notification in the current
 * transaction, which PostgreSQL delivers only when (and if) it commits; each node listens on one connection of its own
 * and hands every notification to the subscribers of its kind — on the announcing node too. A node that lost that
 * connection connects again and then tells its subscribers that <em>anything</em> may have changed, since
 * notifications sent meanwhile are lost. Caches keep their own expiry as well: it bounds staleness should all of this
 * fail.
 * <p>
 * The payload is {@code <kind>:<id>}, far below PostgreSQL's 8000-byte limit: the id is a workspace's, or for a kind
 * about accounts an account's.
 */
@Component
public class CacheInvalidations implements SmartLifecycle {

    /** What a cache does when told. */
    public interface Subscriber {

        /** Something it may hold about the workspace (for a kind about accounts, the account) changed. */
        void changed(UUID id);

        /** Notifications may have been missed (the node was not listening for a while): anything may have changed. */
        void anythingMayHaveChanged();
    }

    static final String CHANNEL = "atrium_invalidation";
    private static final Duration POLL = Duration.ofMillis(500);
    /** Without a notification for this long, the connection is checked: a silent network failure raises nothing. */
    private static final Duration CHECK_AFTER = Duration.ofSeconds(10);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(CacheInvalidations.class);

    private final DSLContext platform;
    private final DataSource dataSource;
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile int listenerPid;
    private volatile int connections;
    private Thread listener = new Thread(() -> { });

    CacheInvalidations(DSLContext platform, DataSource dataSource) {
        this.platform = platform;
        this.dataSource = dataSource;
    }

    /** Subscribes to one kind of notification (a cache's name). */
    public void subscribe(String kind, Subscriber subscriber) {
        if (kind.indexOf(':') >= 0) {
            throw new IllegalArgumentException("A kind has no colon: " + kind);
        }
        subscribers.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    /**
     * Every node's subscribers of the kind are told once the current transaction commits (at once without one); a
     * rollback tells nobody.
     */
    public void announce(String kind, UUID id) {
        platform.select(DSL.function("pg_notify", SQLDataType.VARCHAR, DSL.val(CHANNEL), DSL.val(kind + ":" + id))).fetch();
    }

    @Override
    public void start() {
        running = true;
        listener = Thread.ofPlatform().name("atrium-cache-invalidations").daemon().start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        listener.interrupt();
        try {
            listener.join(POLL.multipliedBy(4).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    listenOn(connection);
                } finally {
                    // The connection goes back to the pool: it must neither keep listening nor be named as the listener.
                    listenerPid = 0;
                    unlisten(connection);
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Lost the connection listening for cache invalidations; connecting again (caches are cleared then): {}",
                            e.toString());
                    pause();
                }
            }
        }
    }

    private void listenOn(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
        }
        PGConnection notifications = connection.unwrap(PGConnection.class);
        listenerPid = notifications.getBackendPID();
        connections++;
        subscribers.values().forEach(list -> list.forEach(CacheInvalidations::anythingMayHaveChanged));
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] received = notifications.getNotifications((int) POLL.toMillis());
            if (received != null && received.length > 0) {
                for (PGNotification notification : received) {
                    dispatch(notification.getParameter());
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > CHECK_AFTER.toNanos()) {
                if (!connection.isValid((int) CHECK_AFTER.toSeconds())) {
                    throw new SQLException("The connection listening for cache invalidations is no longer valid");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private static void unlisten(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("UNLISTEN *");
        } catch (SQLException lost) {
            // A lost connection listens no more; the pool drops it.
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_DELAY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void dispatch(String payload) {
        int colon = payload.indexOf(':');
        if (colon < 0) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(payload.substring(colon + 1));
        } catch (IllegalArgumentException notOurs) {
            return;
        }
        subscribers.getOrDefault(payload.substring(0, colon), List.of()).forEach(subscriber -> tell(subscriber, s -> s.changed(id)));
    }

    private static void anythingMayHaveChanged(Subscriber subscriber) {
        tell(subscriber, Subscriber::anythingMayHaveChanged);
    }

    /** One failing subscriber keeps neither the others nor the listener from going on. */
    private static void tell(Subscriber subscriber, Consumer<Subscriber> message) {
        try {
            message.accept(subscriber);
        } catch (RuntimeException e) {
            log.error("A cache failed to forget what it was told to", e);
        }
    }

    /** The backend process of the listening connection (for tests that cut it). */
    int listenerPid() {
        return listenerPid;
    }

    /** How many times the listener connected (for tests that cut it). */
    int connections() {
        return connections;
    }
}
