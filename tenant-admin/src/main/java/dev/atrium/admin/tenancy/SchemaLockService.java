package dev.atrium.admin.tenancy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import liquibase.database.Database;
import liquibase.database.core.PostgresDatabase;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LockException;
import liquibase.lockservice.DatabaseChangeLogLock;
import liquibase.lockservice.LockService;

/**
 * Liquibase's lock on a schema as a PostgreSQL session advisory lock on the migrating connection, instead of a row in
 * the schema's {@code databasechangeloglock}. Liquibase's own lock service is not safe for migrating several schemas
 * at once in one JVM: every finished update resets all lock services of the process (LockServiceFactory.resetAll), so
 * parallel start-up migration left some schema's row locked — and the next start-up waited five minutes on it and
 * refused the workspace. An advisory lock belongs to the connection: other nodes migrating the same schema still wait,
 * and a crashed node's lock goes away with its connection. Registered in META-INF/services; used for PostgreSQL.
 */
public class SchemaLockService implements LockService {

    private static final String KEY = "hashtextextended('atrium.liquibase:' || ?, 0)";

    /**
     * Takes the schema's lock (the one Liquibase takes here, bind the schema's name) until the transaction ends:
     * for changing a schema without Liquibase while no migrator, on any node, changes it.
     */
    static final String LOCK_FOR_TRANSACTION = "SELECT pg_advisory_xact_lock(" + KEY + ")";

    /**
     * Takes the schema's lock for the session (bind the schema's name): before Liquibase starts, which reads the
     * history before it takes its lock and would run again what another node applied while it waited.
     */
    static final String LOCK_FOR_SESSION = "SELECT pg_advisory_lock(" + KEY + ")";

    private Database database;
    private boolean locked;

    /** Liquibase creates one per database with this constructor. */
    public SchemaLockService() {
    }

    @Override
    public int getPriority() {
        return PRIORITY_DATABASE;
    }

    @Override
    public boolean supports(Database candidate) {
        return candidate instanceof PostgresDatabase;
    }

    @Override
    public void setDatabase(Database database) {
        this.database = database;
    }

    @Override
    public void setChangeLogLockWaitTime(long changeLogLockWaitTime) {
        // An advisory lock waits until the holder's connection releases it or ends.
    }

    @Override
    public void setChangeLogLockRecheckTime(long changeLogLockRecheckTime) {
        // Nothing is polled.
    }

    @Override
    public boolean hasChangeLogLock() {
        return locked;
    }

    @Override
    public void waitForLock() throws LockException {
        if (!locked) {
            run("SELECT true FROM (SELECT pg_advisory_lock(" + KEY + ")) AS waited");
            locked = true;
        }
    }

    @Override
    public boolean acquireLock() throws LockException {
        if (!locked) {
            locked = run("SELECT pg_try_advisory_lock(" + KEY + ")");
        }
        return locked;
    }

    @Override
    public void releaseLock() throws LockException {
        // Unlocking a lock this session does not hold only returns false: safe after Liquibase's global reset.
        run("SELECT pg_advisory_unlock(" + KEY + ")");
        locked = false;
    }

    @Override
    public DatabaseChangeLogLock[] listLocks() {
        return new DatabaseChangeLogLock[0];
    }

    @Override
    public void forceReleaseLock() throws LockException {
        releaseLock();
    }

    @Override
    public void reset() {
        // The lock is the connection's, not this object's: a reset by another thread's update must not drop it.
    }

    @Override
    public void init() {
        // No lock table.
    }

    @Override
    public void destroy() {
        // No lock table.
    }

    private boolean run(String sql) throws LockException {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        String schema = database.getLiquibaseSchemaName() != null ? database.getLiquibaseSchemaName() : database.getDefaultSchemaName();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, schema);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        } catch (SQLException e) {
            throw new LockException(e);
        }
    }
}
