package dev.atrium.admin.tenancy;

import static dev.atrium.db.jooq.platform.Tables.SPARE_SCHEMA;

import java.util.List;
import java.util.Optional;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * The pool of spare workspace schemas ({@code platform.spare_schema}): a row per complete, empty schema named
 * {@value #PREFIX}…, written in the transaction that made the schema and deleted in the one that claims or drops it.
 */
final class SpareSchemaRepository {

    static final String PREFIX = "spare_";

    private final DSLContext platform;

    SpareSchemaRepository(DSLContext platform) {
        this.platform = platform;
    }

    /**
     * Takes the oldest spare at {@code version} out of the pool, in the caller's transaction: its row is locked (other
     * claims skip it rather than wait) and deleted, so a rollback puts it back. A row whose schema was dropped by hand
     * is passed over, so that it fails no creation.
     */
    Optional<String> claim(String version) {
        return take(SPARE_SCHEMA.CHANGELOG_VERSION.eq(version).andExists(schemaOf(SPARE_SCHEMA.SCHEMA_NAME)));
    }

    /** Takes a spare made at another changelog version out of the pool, as {@link #claim} does. */
    Optional<String> takeOutdated(String version) {
        return take(SPARE_SCHEMA.CHANGELOG_VERSION.ne(version));
    }

    private Optional<String> take(Condition which) {
        return platform.deleteFrom(SPARE_SCHEMA)
                .where(SPARE_SCHEMA.SCHEMA_NAME.eq(DSL.select(SPARE_SCHEMA.SCHEMA_NAME).from(SPARE_SCHEMA).where(which)
                        .orderBy(SPARE_SCHEMA.CREATED_AT, SPARE_SCHEMA.SCHEMA_NAME).limit(1).forUpdate().skipLocked()))
                .returningResult(SPARE_SCHEMA.SCHEMA_NAME)
                .fetchOptional(SPARE_SCHEMA.SCHEMA_NAME);
    }

    void add(String schema, String version) {
        platform.insertInto(SPARE_SCHEMA)
                .set(SPARE_SCHEMA.SCHEMA_NAME, schema)
                .set(SPARE_SCHEMA.CHANGELOG_VERSION, version)
                .execute();
    }

    int count(String version) {
        return platform.fetchCount(SPARE_SCHEMA, SPARE_SCHEMA.CHANGELOG_VERSION.eq(version));
    }

    /** Deletes the rows whose schema is gone (dropped by hand); rows being claimed are left to their claim. */
    int forgetMissing() {
        return platform.deleteFrom(SPARE_SCHEMA)
                .where(SPARE_SCHEMA.SCHEMA_NAME.in(DSL.select(SPARE_SCHEMA.SCHEMA_NAME).from(SPARE_SCHEMA)
                        .whereNotExists(schemaOf(SPARE_SCHEMA.SCHEMA_NAME))
                        .forUpdate().skipLocked()))
                .execute();
    }

    private static Select<?> schemaOf(Field<String> name) {
        return DSL.selectOne().from(UnregisteredSchemas.SCHEMATA).where(UnregisteredSchemas.SCHEMA.eq(name));
    }

    /** Spare-named schemas without a row (see {@link UnregisteredSchemas}). */
    List<String> unrecorded() {
        return UnregisteredSchemas.find(platform, PREFIX, SPARE_SCHEMA.SCHEMA_NAME);
    }
}
