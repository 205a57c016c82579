package dev.atrium.admin.tenancy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Workspace schema changes as SQL, rendered once by Liquibase's update-sql and run in many schemas, without schema
 * names (it runs with the schema as the transaction's search path): the changesets' statements, and Liquibase's
 * history with one row per changeset, so Liquibase later finds every changeset applied. Either the whole changelog
 * for an empty schema ({@link SchemaMigrator#createScript()}, with the history table) or the changesets a release
 * added for schemas at one older version ({@link SchemaMigrator#upgradeScript}).
 *
 * @param version the changelogs' version ({@link SchemaMigrator#version()}) the script brings a schema to
 */
record SchemaScript(String version, String tables, String history) {

    private static final Pattern HISTORY = Pattern.compile("\\bdatabasechangelog\\b", Pattern.CASE_INSENSITIVE);
    /** Liquibase sets the search path around a function it creates; in a transaction that would outlive it. */
    private static final Pattern SEARCH_PATH = Pattern.compile("^SET\\s+SEARCH_PATH\\b", Pattern.CASE_INSENSITIVE);

    /**
     * Splits update-sql output into the tenant's statements and the history's (table and rows), each kept in order.
     *
     * @throws IllegalStateException when the output names the schema it was rendered for, so that it would not run
     *                               in another schema as the same changes
     */
    static SchemaScript of(String version, String updateSql, String renderedFor) {
        SchemaScript script = split(version, updateSql, renderedFor);
        if (script.tables().isEmpty()) {
            throw new IllegalStateException("Unexpected update-sql output:\n" + updateSql);
        }
        return script;
    }

    /**
     * The pending changesets of a schema as update-sql rendered them for it, split like {@link #of}: their statements
     * and their history rows. The statements may be none (a changeset of only a tag), the history rows not.
     *
     * @throws IllegalStateException when the output names the schema it was rendered for
     */
    static SchemaScript upgrade(String version, String updateSql, String renderedFor) {
        return split(version, updateSql, renderedFor);
    }

    private static SchemaScript split(String version, String updateSql, String renderedFor) {
        List<String> tables = new ArrayList<>();
        List<String> history = new ArrayList<>();
        for (String statement : changes(updateSql)) {
            if (statement.toLowerCase(Locale.ROOT).contains(renderedFor.toLowerCase(Locale.ROOT))) {
                throw new IllegalStateException("The tenant changelog's SQL names the schema it was rendered for: " + statement);
            }
            (HISTORY.matcher(statement).find() ? history : tables).add(statement);
        }
        if (history.isEmpty()) {
            throw new IllegalStateException("Unexpected update-sql output:\n" + updateSql);
        }
        return new SchemaScript(version, String.join(";\n", tables), String.join(";\n", history));
    }

    /**
     * SQL that makes {@code schema} (rendered, quoted) the transaction's search path, remembering the one before
     * for {@link #LEAVE_SCHEMA}: the script names tenant tables unqualified, as under Liquibase.
     */
    static String enterSchema(String schema) {
        return "SELECT set_config('atrium.search_path', current_setting('search_path'), true);\n"
                + "SET LOCAL search_path TO " + schema;
    }

    /** Puts back the search path {@link #enterSchema} found, for the rest of the transaction. */
    static final String LEAVE_SCHEMA = "SELECT set_config('search_path', current_setting('atrium.search_path'), true)";

    /** How many statements write the history: its rows (and, for a new schema, its table). */
    int historyStatements() {
        return historyStatements(history + ";");
    }

    /** The statements of {@link #tables()} and {@link #history()} together, in order, for one round trip. */
    String all() {
        return tables.isEmpty() ? history : tables + ";\n" + history;
    }

    /** How many statements of update-sql output write the history. */
    static int historyStatements(String updateSql) {
        return (int) changes(updateSql).stream().filter(statement -> HISTORY.matcher(statement).find()).count();
    }

    /** The statements of update-sql output that change the schema or its history, in order. */
    static List<String> changes(String updateSql) {
        return statements(updateSql).stream().filter(statement -> !SEARCH_PATH.matcher(statement).find()).toList();
    }

    /**
     * Liquibase writes one statement per line group, ended by ';' at the end of a line, with '--' comment lines; a
     * function body between $$ quotes holds ';' lines of its own, so a statement ends only outside such quotes.
     */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.lines().filter(l -> !l.strip().startsWith("--")).toList()) {
            current.append(line).append('\n');
            boolean insideDollarQuotes = current.toString().split("\\$\\$", -1).length % 2 == 0;
            if (line.strip().endsWith(";") && !insideDollarQuotes) {
                String statement = current.toString().strip();
                statement = statement.substring(0, statement.length() - 1).strip();
                if (!statement.isEmpty()) {
                    statements.add(statement);
                }
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("Unterminated statement in update-sql output: " + current);
        }
        return statements;
    }
}
