package dev.atrium.admin.tenancy;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import org.jooq.impl.DSL;
import org.springframework.core.io.ResourceLoader;

import liquibase.Scope;
import liquibase.UpdateSummaryEnum;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.integration.spring.SpringResourceAccessor;
import liquibase.ui.LoggerUIService;

/** Brings one schema up to date with a Liquibase changelog; the changelog's history table lives in that schema. */
class SchemaMigrator {

    static {
        // Liquibase 4.33 would otherwise try to reach its analytics host on every update.
        if (System.getProperty("liquibase.analytics.enabled") == null) {
            System.setProperty("liquibase.analytics.enabled", "false");
        }
    }

    private final DataSource dataSource;
    private final SpringResourceAccessor resources;
    private final String changelog;

    SchemaMigrator(DataSource dataSource, ResourceLoader resourceLoader, String changelog) {
        this.dataSource = dataSource;
        this.resources = new SpringResourceAccessor(resourceLoader);
        this.changelog = changelog;
    }

    /** Creates the schema if needed and applies every changeset not yet applied to it. */
    void migrate(String schema) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            DSL.using(connection).createSchemaIfNotExists(DSL.name(schema)).execute();
            connection.setSchema(schema);
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(connection));
            database.setDefaultSchemaName(schema);
            database.setLiquibaseSchemaName(schema);
            Scope.child(Map.of(
                    Scope.Attr.resourceAccessor.name(), resources,
                    Scope.Attr.ui.name(), new LoggerUIService()), () -> new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, changelog)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY, UpdateSummaryEnum.OFF)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                    .execute());
        } catch (Exception e) {
            throw new SchemaMigrationException(schema, e);
        }
    }

    /** Thrown when a schema could not be brought up to date. */
    static class SchemaMigrationException extends RuntimeException {
        SchemaMigrationException(String schema, Throwable cause) {
            super("Could not migrate schema " + schema + ": " + cause.getMessage(), cause);
        }
    }
}
