package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** What the database holds, looked at directly rather than through the services under test. */
public final class SchemaAssertions {

    private SchemaAssertions() {
    }

    public static boolean schemaExists(DSLContext platform, String schema) {
        return platform.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("information_schema", "schemata")))
                .where(DSL.field(DSL.name("schema_name")).eq(schema)));
    }

    public static boolean tableExists(DSLContext platform, String schema, String table) {
        return platform.fetchExists(DSL.selectOne().from(DSL.table(DSL.name("information_schema", "tables")))
                .where(DSL.field(DSL.name("table_schema")).eq(schema))
                .and(DSL.field(DSL.name("table_name")).eq(table)));
    }

    public static boolean workspaceRegistered(DSLContext platform, UUID workspaceId) {
        return platform.fetchExists(WORKSPACE, WORKSPACE.ID.eq(workspaceId));
    }

    public static int schemasNamedLike(DSLContext platform, String prefix) {
        return platform.fetchCount(DSL.selectOne().from(DSL.table(DSL.name("information_schema", "schemata")))
                .where(DSL.field(DSL.name("schema_name"), String.class).startsWith(prefix)));
    }

    /** Everything a schema holds, each line with the schema's name replaced, sorted. */
    public static List<String> describe(DSLContext platform, String schema) {
        List<String> lines = new ArrayList<>();
        String[] queries = {
                "SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' ' || coalesce(obj_description(c.oid, 'pg_class'), '')"
                        + " || ' ' || coalesce(c.relacl::text, '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                        + " WHERE n.nspname = {0}",
                // Who owns it, who may use it, and what new objects in it grant: the same for every workspace.
                "SELECT 'schema ' || pg_get_userbyid(n.nspowner) || ' ' || coalesce(n.nspacl::text, '') || ' '"
                        + " || coalesce((SELECT string_agg(d.defaclacl::text, ',') FROM pg_default_acl d WHERE d.defaclnamespace = n.oid), '')"
                        + " FROM pg_namespace n WHERE n.nspname = {0}",
                // Sequences as a schema made by the changelogs leaves them: never used.
                "SELECT 'sequence ' || sequencename || ' ' || coalesce(last_value::text, 'unused') FROM pg_sequences WHERE schemaname = {0}",
                "SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(column_default, '')"
                        + " || ' ' || is_nullable || ' ' || ordinal_position FROM information_schema.columns WHERE table_schema = {0}",
                "SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = {0}",
                "SELECT 'constraint ' || c.conname || ' ' || pg_get_constraintdef(c.oid) FROM pg_constraint c"
                        + " JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = {0}",
                "SELECT 'trigger ' || t.tgname || ' ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class r ON r.oid = t.tgrelid"
                        + " JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = {0} AND NOT t.tgisinternal",
                "SELECT 'function ' || p.proname || ' ' || pg_get_functiondef(p.oid) FROM pg_proc p"
                        + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = {0}",
        };
        for (String query : queries) {
            platform.resultQuery(query, DSL.val(schema)).fetch(0, String.class).forEach(lines::add);
        }
        platform.select(DSL.field(DSL.name("id"), String.class), DSL.field(DSL.name("author"), String.class),
                        DSL.field(DSL.name("filename"), String.class), DSL.field(DSL.name("md5sum"), String.class),
                        DSL.field(DSL.name("exectype"), String.class), DSL.field(DSL.name("description"), String.class))
                .from(DSL.table(DSL.name(schema, "databasechangelog")))
                .forEach(r -> lines.add("history " + String.join(" ", r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6())));
        // The rows the changelogs insert (built-in roles, the audit chain's head), as data rather than ids.
        platform.select(DSL.field(DSL.name("key"), String.class), DSL.field(DSL.name("name"), String.class))
                .from(DSL.table(DSL.name(schema, "role")))
                .forEach(r -> lines.add("role " + r.value1() + " " + r.value2()));
        platform.select(DSL.field(DSL.name("table_name"), String.class)).from(DSL.table(DSL.name("information_schema", "tables")))
                .where(DSL.field(DSL.name("table_schema")).eq(schema)).and(DSL.field(DSL.name("table_type")).eq("BASE TABLE"))
                .fetch(0, String.class).forEach(table -> lines.add("rows " + table + " "
                        + (table.equals("databasechangelog") ? "-" : platform.fetchCount(DSL.table(DSL.name(schema, table)))
                                - (OWNERS_ROWS.contains(table) ? rowsOfTheOwner(schema, table) : 0))));
        return lines.stream().map(line -> line.replace(schema, "S")).sorted().toList();
    }

    /** The tables where a created workspace holds one row of its Owner's. */
    private static final Set<String> OWNERS_ROWS = Set.of("member", "audit_event", "audit_actor");

    /**
     * A created workspace holds its Owner, its first audit event and that event's actor; the schema Liquibase made has
     * none of them.
     */
    private static int rowsOfTheOwner(String schema, String table) {
        return schema.startsWith(TenantProvisioner.SCHEMA_PREFIX) ? 1 : 0;
    }
}
