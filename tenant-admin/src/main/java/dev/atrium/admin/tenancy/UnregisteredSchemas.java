package dev.atrium.admin.tenancy;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * Schemas that carry a prefix Atrium names its schemas with ({@code ws_}, {@code spare_}) but have no row in the table
 * that registers them: left by hand, or by a version of Atrium that failed half-way. Read from the catalog itself
 * (information_schema's view is slow with many schemas); a schema and its row are committed together, so a creation
 * under way is in neither.
 */
final class UnregisteredSchemas {

    static final Table<?> SCHEMATA = DSL.table(DSL.name("pg_catalog", "pg_namespace"));
    static final Field<String> SCHEMA = DSL.field(DSL.name("nspname"), String.class);

    private UnregisteredSchemas() {
    }

    static List<String> find(DSLContext sql, String prefix, TableField<?, String> registry) {
        return sql.select(SCHEMA).from(SCHEMATA)
                .where(SCHEMA.like(prefix.replace("_", "\\_") + "%"))
                .andNotExists(DSL.selectOne().from(registry.getTable()).where(registry.eq(SCHEMA)))
                .fetch(SCHEMA);
    }
}
