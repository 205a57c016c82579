package dev.atrium.admin.tenancy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.core.io.ResourceLoader;

import liquibase.ChecksumVersion;
import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.changelog.ChangeLogHistoryService;
import liquibase.changelog.ChangeLogHistoryServiceFactory;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.UpdateSqlCommandStep;
import liquibase.command.core.helpers.DatabaseChangelogCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.integration.spring.SpringResourceAccessor;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.precondition.core.PreconditionContainer;
import liquibase.ui.LoggerUIService;

/**
 * Brings one schema up to date with Liquibase changelogs, applied in order (a workspace: Atrium's tenant changelog,
 * then the host application's); their history table lives in that schema and holds all of them. A schema whose
 * history already lists every changeset of every changelog with its current checksum, and nothing else, is left alone
 * without starting Liquibase (which locks, validates and reads the history: ~35 ms a schema). The changelogs'
 * {@link #version()} names that history, so the platform registry can tell which workspaces are behind;
 * {@link #createScript()} is their SQL for a new schema, rendered once; and {@link #upgradeScript} the SQL that
 * brings schemas with one older history up, rendered once for one of them.
 */
class SchemaMigrator {

    private static final String HISTORY_TABLE = "databasechangelog";

    /**
     * Every Liquibase command that ends resets Liquibase's executors and history services in the whole JVM: update-sql
     * running meanwhile would lose its output's executor or number its history rows anew. Updates share this lock
     * (they run in parallel), update-sql takes it alone.
     */
    private static final ReadWriteLock LIQUIBASE = new ReentrantReadWriteLock();

    static {
        // Liquibase 4.33 would otherwise try to reach its analytics host on every update.
        if (System.getProperty("liquibase.analytics.enabled") == null) {
            System.setProperty("liquibase.analytics.enabled", "false");
        }
    }

    private final DataSource dataSource;
    private final SpringResourceAccessor resources;
    private final List<String> changelogs;
    private volatile List<String> expectedHistory;
    private volatile SchemaScript createScript;

    SchemaMigrator(DataSource dataSource, ResourceLoader resourceLoader, String... changelogs) {
        if (changelogs.length == 0) {
            throw new IllegalArgumentException("No changelog to migrate with");
        }
        this.dataSource = dataSource;
        this.resources = new SpringResourceAccessor(resourceLoader);
        this.changelogs = List.of(changelogs);
    }

    /**
     * A workspace schema's migrator: Atrium's tenant changelog, then the host application's
     * ({@code atrium.tenants.host-changelog}, a classpath resource) when it names one.
     *
     * @throws IllegalStateException when the host changelog is not on the classpath, so that start-up fails with
     *                               one clear message rather than refusing every workspace
     */
    static SchemaMigrator forTenants(DataSource dataSource, ResourceLoader resourceLoader, String hostChangelog) {
        if (hostChangelog == null || hostChangelog.isBlank()) {
            return new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.TENANT_CHANGELOG);
        }
        String host = hostChangelog.strip();
        if (!resourceLoader.getResource(ResourceLoader.CLASSPATH_URL_PREFIX + host).exists()) {
            throw new IllegalStateException("atrium.tenants.host-changelog names " + host + ", which is not on the classpath");
        }
        return new SchemaMigrator(dataSource, resourceLoader, TenantMigrations.TENANT_CHANGELOG, host);
    }

    /** Creates the schema if needed and applies every changeset not yet applied to it. */
    void migrate(String schema) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (!isUpToDate(DSL.using(connection), schema)) {
                update(connection, schema);
            }
        } catch (Exception e) {
            throw new SchemaMigrationException(schema, e);
        }
    }

    /** Runs Liquibase's update on the schema, whatever its history says. */
    void update(String schema) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            update(connection, schema);
        } catch (Exception e) {
            throw new SchemaMigrationException(schema, e);
        }
    }

    private void update(Connection connection, String schema) throws Exception {
        String searchPath = searchPath(connection);
        DSL.using(connection).createSchemaIfNotExists(DSL.name(schema)).execute();
        connection.setSchema(schema);
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        database.setDefaultSchemaName(schema);
        database.setLiquibaseSchemaName(schema);
        // The JVM's lock before the schema's, as update-sql takes them.
        LIQUIBASE.readLock().lock();
        try {
            // Released with all of the session's advisory locks below.
            DSL.using(connection).execute(SchemaLockService.LOCK_FOR_SESSION, schema);
            // In order, stopping at the first failure: a host's changesets may rely on Atrium's being applied.
            runUpdates(database);
        } finally {
            LIQUIBASE.readLock().unlock();
            // The schema lock is this session's advisory lock (SchemaLockService): never return it to the pool held,
            // whatever path Liquibase took out of a failed update.
            endTransaction(connection);
            DSL.using(connection).execute("SELECT pg_advisory_unlock_all()");
            restoreSearchPath(connection, searchPath);
        }
    }

    private void runUpdates(Database database) throws Exception {
        for (String changelog : changelogs) {
            Scope.child(Map.of(
                    Scope.Attr.resourceAccessor.name(), resources,
                    Scope.Attr.ui.name(), new LoggerUIService()), () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                    .execute());
        }
    }

    /** Whether the schema's history holds exactly the changelogs' changesets, each once with its current checksum. */
    boolean isUpToDate(DSLContext sql, String schema) throws Exception {
        boolean exists = sql.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("information_schema", "tables")))
                .where(DSL.field(DSL.name("table_schema")).eq(schema))
                .and(DSL.field(DSL.name("table_name")).eq(HISTORY_TABLE)));
        return exists && hasCurrentHistory(sql, schema);
    }

    /** {@link #isUpToDate} for a schema known to have a history table, e.g. in the transaction that wrote it. */
    private boolean hasCurrentHistory(DSLContext sql, String schema) throws Exception {
        List<String> applied = sql.select(DSL.field(DSL.name("id"), String.class), DSL.field(DSL.name("author"), String.class),
                        DSL.field(DSL.name("filename"), String.class), DSL.field(DSL.name("md5sum"), String.class))
                .from(DSL.table(DSL.name(schema, HISTORY_TABLE)))
                .fetch(r -> historyEntry(r.value1(), r.value2(), r.value3(), r.value4()));
        return applied.stream().sorted().toList().equals(expectedHistory().stream().sorted().toList());
    }

    /** How many rows the schema's history holds. */
    int historyRows(DSLContext sql, String schema) {
        return sql.fetchCount(DSL.table(DSL.name(schema, HISTORY_TABLE)));
    }

    /**
     * The changelogs' version: a SHA-256 over every changeset's id, author, file and checksum, in order. Any added or
     * edited changeset gives another version.
     */
    String version() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(String.join("\n", expectedHistory()).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the changelogs " + changelogs, e);
        }
    }

    /**
     * The SQL that gives an empty schema every changeset and its history row, rendered once by Liquibase's update-sql
     * for a throw-away schema. The changelogs are rendered in order, each in segments that end before a changeset with
     * preconditions, and each segment's SQL is run there before the next is rendered: a precondition is then tested
     * against the database as update would find it (whether an extension is installed, what an earlier changeset
     * made), and one that fails with MARK_RAN gives a history row without the changeset's statements, as update does.
     *
     * @throws SchemaMigrationException also when a changeset runs outside a transaction (runInTransaction="false"),
     *                                  which a workspace created in one transaction cannot hold
     */
    SchemaScript createScript() {
        SchemaScript script = createScript;
        if (script == null) {
            synchronized (this) {
                script = createScript;
                if (script == null) {
                    script = render();
                    createScript = script;
                }
            }
        }
        return script;
    }

    /**
     * An upgrade rendered for one schema: its SQL, and how many history rows the schema had when it was rendered (so
     * that the schema, once migrated by Liquibase, proves the SQL made as many rows as Liquibase).
     */
    record Upgrade(SchemaScript script, int historyRowsBefore) {
    }

    /**
     * The SQL that brings a schema with {@code sample}'s history to the changelogs' current version: Liquibase's
     * update-sql of the changesets the sample lacks, rendered for it without schema names, and their history rows.
     * Nothing is changed in the sample. Empty when those changesets cannot run as plain SQL in one transaction in
     * another schema: a pending changeset has preconditions (their outcome may differ from schema to schema), runs
     * outside a transaction, runs always or on change; or nothing is pending (any more).
     *
     * @throws SchemaMigrationException when rendering failed or the SQL names the sample's schema
     */
    Optional<Upgrade> upgradeScript(String sample) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            DSLContext sql = DSL.using(connection);
            Map<String, String> applied = new HashMap<>();
            sql.select(DSL.field(DSL.name("id"), String.class), DSL.field(DSL.name("author"), String.class),
                            DSL.field(DSL.name("filename"), String.class), DSL.field(DSL.name("md5sum"), String.class))
                    .from(DSL.table(DSL.name(sample, HISTORY_TABLE)))
                    .forEach(r -> applied.put(historyKey(r.value1(), r.value2(), r.value3()), String.valueOf(r.value4())));
            List<DatabaseChangeLog> parsed = new ArrayList<>();
            boolean pending = false;
            for (String changelog : changelogs) {
                DatabaseChangeLog each = parse(changelog);
                for (ChangeSet changeSet : each.getChangeSets()) {
                    String stored = applied.get(historyKey(changeSet.getId(), changeSet.getAuthor(), changeSet.getStoredFilePath()));
                    String checksum = changeSet.generateCheckSum(ChecksumVersion.latest()).toString();
                    if (changeSet.isAlwaysRun() || changeSet.isRunOnChange() && stored != null && !stored.equals(checksum)) {
                        return Optional.empty();
                    }
                    if (stored == null) {
                        if (changeSet.getPreconditions() != null || !changeSet.isRunInTransaction()) {
                            return Optional.empty();
                        }
                        pending = true;
                    }
                }
                parsed.add(each);
            }
            if (!pending) {
                return Optional.empty();
            }
            int historyRows = historyRows(sql, sample);
            StringBuilder updateSql = new StringBuilder();
            String searchPath = searchPath(connection);
            try {
                connection.setSchema(sample);
                int rendered = 0;
                for (int i = 0; i < changelogs.size(); i++) {
                    // Liquibase numbers the history rows on from the largest number in the table, which does not hold
                    // the rows rendered for the changelogs before: they are counted in.
                    String part = renderUpdateSql(database(connection, sample), changelogs.get(i), parsed.get(i), rendered);
                    rendered += SchemaScript.historyStatements(part);
                    updateSql.append(part).append('\n');
                }
            } finally {
                endTransaction(connection);
                sql.execute("SELECT pg_advisory_unlock_all()");
                restoreSearchPath(connection, searchPath);
            }
            // Nothing rendered: another migrator brought the sample up since its history was read.
            if (SchemaScript.historyStatements(updateSql.toString()) == 0) {
                return Optional.empty();
            }
            return Optional.of(new Upgrade(SchemaScript.upgrade(version(), updateSql.toString(), sample), historyRows));
        } catch (Exception e) {
            throw new SchemaMigrationException(sample, e);
        }
    }

    /**
     * Runs an {@link #upgradeScript} in the schema, in one transaction of its own: all or nothing. The transaction
     * first takes the schema's migration lock (Liquibase's, see {@link SchemaLockService}), so no migrator on any
     * node changes the schema meanwhile, then asks {@code claim}, given its SQL, whether the schema is still to be
     * upgraded (it locks and updates the registry row); then runs the script with the schema as search path, and
     * commits only when the schema's history is then exactly the changelogs'.
     *
     * @return false, with nothing done, when {@code claim} declined: another migrator has brought the schema up
     * @throws SchemaMigrationException when the script failed or left another history; nothing of it remains
     */
    boolean upgrade(String schema, SchemaScript script, Predicate<DSLContext> claim) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                DSLContext sql = DSL.using(connection);
                sql.execute(SchemaLockService.LOCK_FOR_TRANSACTION, schema);
                if (!claim.test(sql)) {
                    connection.rollback();
                    return false;
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute(SchemaScript.enterSchema(sql.render(DSL.name(schema))) + ";\n" + script.all() + ";\n"
                            + SchemaScript.LEAVE_SCHEMA);
                }
                if (!hasCurrentHistory(sql, schema)) {
                    throw new IllegalStateException("After the upgrade SQL its history is not the changelogs'");
                }
                connection.commit();
                return true;
            } catch (Exception e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (Exception e) {
            throw new SchemaMigrationException(schema, e);
        }
    }

    private SchemaScript render() {
        String scratch = "atrium_render_" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder sql = new StringBuilder();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            String searchPath = searchPath(connection);
            DSL.using(connection).createSchema(DSL.name(scratch)).execute();
            try {
                connection.setSchema(scratch);
                for (String changelog : changelogs) {
                    for (DatabaseChangeLog segment : segments(parse(changelog))) {
                        String part = renderUpdateSql(database(connection, scratch), changelog, segment, 0);
                        // Liquibase leaves the connection in a transaction of its own; the part is committed before the next.
                        endTransaction(connection);
                        try (Statement statement = connection.createStatement()) {
                            for (String each : SchemaScript.changes(part)) {
                                statement.execute(each);
                            }
                        }
                        sql.append(part).append('\n');
                    }
                }
            } finally {
                endTransaction(connection);
                DSL.using(connection).execute("SELECT pg_advisory_unlock_all()");
                DSL.using(connection).dropSchemaIfExists(DSL.name(scratch)).cascade().execute();
                restoreSearchPath(connection, searchPath);
            }
        } catch (Exception e) {
            throw new SchemaMigrationException(scratch, e);
        }
        return SchemaScript.of(version(), sql.toString(), scratch);
    }

    /** A Liquibase database for update-sql in the schema, writing no schema names. */
    private static Database database(Connection connection, String schema) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
        database.setDefaultSchemaName(schema);
        database.setLiquibaseSchemaName(schema);
        database.setOutputDefaultSchema(false);
        return database;
    }

    /**
     * Liquibase's update-sql of the changelog's changesets not in the history, the first history row numbered
     * {@code rowsBefore} after the largest number in the table.
     */
    private String renderUpdateSql(Database database, String changelog, DatabaseChangeLog segment, int rowsBefore) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Scope.child(Map.of(
                Scope.Attr.resourceAccessor.name(), resources,
                Scope.Attr.ui.name(), new LoggerUIService()), () -> {
            LIQUIBASE.writeLock().lock();
            try {
                runUpdateSql(database, changelog, segment, rowsBefore, out);
            } finally {
                LIQUIBASE.writeLock().unlock();
            }
        });
        return out.toString(StandardCharsets.UTF_8);
    }

    private void runUpdateSql(Database database, String changelog, DatabaseChangeLog segment, int rowsBefore,
            ByteArrayOutputStream out) throws Exception {
        ChangeLogHistoryService history = Scope.getCurrentScope().getSingleton(ChangeLogHistoryServiceFactory.class)
                .getChangeLogService(database);
        for (int row = 0; row < rowsBefore; row++) {
            history.getNextSequenceValue();
        }
        new CommandScope(UpdateSqlCommandStep.COMMAND_NAME)
                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                .addArgumentValue(UpdateSqlCommandStep.CHANGELOG_FILE_ARG, changelog)
                .addArgumentValue(DatabaseChangelogCommandStep.CHANGELOG_ARG, segment)
                .addArgumentValue(UpdateSqlCommandStep.OUTPUT_DEFAULT_SCHEMA_ARG, false)
                .setOutput(out)
                .execute();
    }

    /**
     * The changelog's changesets in order, cut before each changeset with preconditions, whose preconditions update-sql
     * is told to test (by default it would take them as passed).
     */
    private static List<DatabaseChangeLog> segments(DatabaseChangeLog changelog) {
        List<DatabaseChangeLog> segments = new ArrayList<>();
        DatabaseChangeLog segment = null;
        for (ChangeSet changeSet : changelog.getChangeSets()) {
            if (!changeSet.isRunInTransaction()) {
                throw new IllegalStateException("Changeset " + changeSet + " runs outside a transaction (runInTransaction=\"false\"),"
                        + " which cannot be part of a workspace created in one transaction");
            }
            PreconditionContainer preconditions = changeSet.getPreconditions();
            if (preconditions != null) {
                preconditions.setOnSqlOutput(PreconditionContainer.OnSqlOutputOption.TEST);
            }
            if (segment == null || preconditions != null) {
                segment = new DatabaseChangeLog(changelog.getPhysicalFilePath());
                segment.setChangeLogParameters(changelog.getChangeLogParameters());
                segments.add(segment);
            }
            segment.addChangeSet(changeSet);
        }
        return segments;
    }

    private static String searchPath(Connection connection) {
        return DSL.using(connection).fetchSingle("SELECT current_setting('search_path')").get(0, String.class);
    }

    /**
     * Liquibase sets the session's search path with SQL of its own, which the pool does not see to reset: the next
     * user of the connection would otherwise find the migrated schema's tables first.
     */
    private static void restoreSearchPath(Connection connection, String searchPath) {
        DSL.using(connection).execute("SELECT set_config('search_path', ?, false)", searchPath);
    }

    private static void endTransaction(Connection connection) throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.rollback();
            connection.setAutoCommit(true);
        }
    }

    /** The history entries the changelogs make, in order, parsed once. */
    private List<String> expectedHistory() throws Exception {
        List<String> expected = expectedHistory;
        if (expected == null) {
            List<String> entries = new ArrayList<>();
            for (String changelog : changelogs) {
                parse(changelog).getChangeSets().stream()
                        .map(c -> historyEntry(c.getId(), c.getAuthor(), c.getStoredFilePath(), c.generateCheckSum(ChecksumVersion.latest()).toString()))
                        .forEach(entries::add);
            }
            expected = List.copyOf(entries);
            expectedHistory = expected;
        }
        return expected;
    }

    private DatabaseChangeLog parse(String changelog) throws Exception {
        return Scope.child(Map.of(Scope.Attr.resourceAccessor.name(), resources), () -> ChangeLogParserFactory
                .getInstance().getParser(changelog, resources).parse(changelog, new ChangeLogParameters(), resources));
    }

    private static String historyEntry(String id, String author, String file, String checksum) {
        return historyKey(id, author, file) + "::" + checksum;
    }

    private static String historyKey(String id, String author, String file) {
        return id + "::" + author + "::" + file;
    }

    /** Thrown when a schema could not be brought up to date. */
    static class SchemaMigrationException extends RuntimeException {
        SchemaMigrationException(String schema, Throwable cause) {
            super("Could not migrate schema " + schema + ": " + cause.getMessage(), cause);
        }
    }
}
