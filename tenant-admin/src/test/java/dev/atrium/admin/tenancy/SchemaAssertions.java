package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.WORKSPACE;

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
}
