package dev.atrium.admin.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.Query;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records the SQL jOOQ executes on the current thread while asked to ({@link #record}). The one instance, {@link #SQL},
 * is registered on the application's jOOQ configuration by {@link Config}: a benchmark extends it with a nested
 * {@code @TestConfiguration} class of its own, which also gives the benchmark a Spring context (and database) of its
 * own.
 */
public final class SqlCapture implements ExecuteListener {

    public static final SqlCapture SQL = new SqlCapture();

    private static final String STARTED = "benchSqlCapture.started";
    private final ThreadLocal<List<Executed>> sink = new ThreadLocal<>();

    private SqlCapture() {
    }

    /** Registers {@link #SQL}; extend it with a nested {@code @TestConfiguration(proxyBeanMethods = false)} class. */
    public abstract static class Config {
        @Bean
        public ExecuteListenerProvider benchSqlCapture() {
            return new DefaultExecuteListenerProvider(SQL);
        }
    }

    /** A statement jOOQ executed: its SQL, bind values, execute-to-end time, and whether a transaction was open. */
    public record Executed(String sql, Query query, long nanos, boolean inTransaction) {

        /** The statement with the values jOOQ bound to it, to run again on plain JDBC. */
        public Raw raw() {
            return new Raw(sql, query == null ? List.of() : query.getBindValues());
        }
    }

    public record Recorded<T>(T value, List<Executed> sql) {
    }

    /** A statement and its bind values, to run on plain JDBC. */
    public record Raw(String sql, List<Object> binds) {

        public Raw(String sql, Object... binds) {
            this(sql, List.of(binds));
        }

        /** The statement, after the prefix (such as an EXPLAIN), prepared with the bind values. */
        public PreparedStatement prepare(Connection connection, String prefix) throws SQLException {
            PreparedStatement ps = connection.prepareStatement(prefix + sql);
            int index = 1;
            for (Object value : binds) {
                ps.setObject(index++, value);
            }
            return ps;
        }

        /** Runs the statement on its own pooled connection, as jOOQ does outside a transaction, reading every value. */
        public int readAll(DataSource dataSource) throws SQLException {
            return readAll(dataSource, rs -> {
            });
        }

        /** As {@link #readAll(DataSource)}, handing each row, once read, to {@code row}; returns the number of rows. */
        public int readAll(DataSource dataSource, Row row) throws SQLException {
            int rows = 0;
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement ps = prepare(connection, "");
                    ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int c = 1; c <= columns; c++) {
                        rs.getObject(c);
                    }
                    row.read(rs);
                    rows++;
                }
            }
            return rows;
        }
    }

    @FunctionalInterface
    public interface Row {
        void read(ResultSet rs) throws SQLException;
    }

    public <T> Recorded<T> record(Supplier<T> action) {
        List<Executed> executed = new ArrayList<>();
        sink.set(executed);
        try {
            return new Recorded<>(action.get(), executed);
        } finally {
            sink.remove();
        }
    }

    @Override
    public void executeStart(ExecuteContext ctx) {
        if (sink.get() != null) {
            ctx.data(STARTED, System.nanoTime());
        }
    }

    @Override
    public void end(ExecuteContext ctx) {
        List<Executed> executed = sink.get();
        if (executed != null && ctx.sql() != null && ctx.data(STARTED) instanceof Long started) {
            executed.add(new Executed(ctx.sql(), ctx.query(), System.nanoTime() - started,
                    TransactionSynchronizationManager.isActualTransactionActive()));
        }
    }
}
