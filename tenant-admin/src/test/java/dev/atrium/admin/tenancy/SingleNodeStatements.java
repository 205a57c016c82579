package dev.atrium.admin.tenancy;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import dev.atrium.db.jooq.platform.Platform;
import dev.atrium.db.jooq.platform.Tables;

/**
 * The rule that keeps every statement on one node of a Citus cluster (docs/scale-out.md): a statement that names a
 * workspace's schema names that one workspace's schema only, and of the platform schema only the reference tables.
 * Registered on jOOQ for every tenant-admin test ({@code TestApplication}), it refuses a statement that breaks it
 * before it runs, so the test that executed it fails.
 */
public final class SingleNodeStatements implements ExecuteListener {

    /** The platform tables Citus copies to every node (docs/scale-out.md), which workspace statements may join. */
    public static final Set<String> REFERENCE_TABLES = Set.of(Tables.ACCOUNT.getName(), Tables.WORKSPACE.getName());

    private static final String PLATFORM = Platform.PLATFORM.getName();
    /**
     * A quoted identifier, "" inside it standing for a quote; written as an unrolled loop of possessive quantifiers, so
     * that a long run of text without quotes (a multi-row insert's placeholders) is matched without recursing per
     * character, which overflowed the stack.
     */
    private static final String IDENTIFIER = "\"([^\"]++(?:\"\"[^\"]*+)*+|(?:\"\"[^\"]*+)++)\"";
    /** A schema-qualified name as jOOQ renders it: "schema"."table" (a column's "table"."column" follows after it). */
    private static final Pattern QUALIFIED = Pattern.compile(IDENTIFIER + "\\." + IDENTIFIER);

    /** Why the statement would not stay on one node, or null if it would. */
    static String violation(String sql) {
        Set<String> workspaces = new TreeSet<>();
        Set<String> platformTables = new TreeSet<>();
        Matcher name = QUALIFIED.matcher(sql);
        while (name.find()) {
            if (name.group(1).startsWith(TenantProvisioner.SCHEMA_PREFIX)) {
                workspaces.add(name.group(1));
            } else if (name.group(1).equals(PLATFORM)) {
                platformTables.add(name.group(2));
            }
        }
        if (workspaces.size() > 1) {
            return "names several workspace schemas " + workspaces;
        }
        platformTables.removeAll(REFERENCE_TABLES);
        if (!workspaces.isEmpty() && !platformTables.isEmpty()) {
            return "names workspace schema " + workspaces + " with platform tables that are not reference tables " + platformTables;
        }
        return null;
    }

    @Override
    public void renderEnd(ExecuteContext ctx) {
        String violation = ctx.sql() == null ? null : violation(ctx.sql());
        if (violation != null) {
            throw new IllegalStateException("A statement that would cross nodes on Citus (docs/scale-out.md) " + violation + ": " + ctx.sql());
        }
    }
}
