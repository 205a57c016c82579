package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.SPARE_SCHEMA;

import java.util.List;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The pool of spare schemas as the database holds it, for tests that need it empty or compare it. */
final class SparePool {

    private SparePool() {
    }

    /** The pooled spares' names, sorted. */
    static List<String> names(DSLContext platform) {
        return platform.select(SPARE_SCHEMA.SCHEMA_NAME).from(SPARE_SCHEMA).orderBy(SPARE_SCHEMA.SCHEMA_NAME).fetch(SPARE_SCHEMA.SCHEMA_NAME);
    }

    /** Drops every spare, pooled or stray, so that a test's claims take its own. */
    static void empty(DSLContext platform) {
        platform.transaction(tx -> {
            for (String spare : tx.dsl().deleteFrom(SPARE_SCHEMA).returningResult(SPARE_SCHEMA.SCHEMA_NAME).fetch(SPARE_SCHEMA.SCHEMA_NAME)) {
                tx.dsl().dropSchemaIfExists(DSL.name(spare)).cascade().execute();
            }
        });
        new SpareSchemaRepository(platform).unrecorded()
                .forEach(stray -> platform.dropSchemaIfExists(DSL.name(stray)).cascade().execute());
    }
}
