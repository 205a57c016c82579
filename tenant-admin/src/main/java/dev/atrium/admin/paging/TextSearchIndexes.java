package dev.atrium.admin.paging;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says once, at start-up, when text filters cannot use trigram indexes: pg_trgm's operator class is not in the
 * schema {@code extensions} (the extension is not available, installing it was not permitted, or it was installed in
 * another schema before). Filters keep working; they scan.
 */
@Component
public class TextSearchIndexes {

    private static final Logger log = LoggerFactory.getLogger(TextSearchIndexes.class);

    private final DSLContext platform;

    public TextSearchIndexes(DSLContext platform) {
        this.platform = platform;
    }

    @EventListener(ApplicationReadyEvent.class)
    void check() {
        if (!available()) {
            log.warn("pg_trgm is not installed in the schema \"extensions\" of this database: text filters on names and e-mail "
                    + "addresses scan instead of using trigram indexes (install it with CREATE EXTENSION pg_trgm WITH SCHEMA "
                    + "extensions and create the indexes README's \"Text filters\" lists)");
        }
    }

    /** Whether pg_trgm's GIN operator class is reachable as {@code extensions.gin_trgm_ops}. */
    public boolean available() {
        var opclass = DSL.table(DSL.name("pg_catalog", "pg_opclass"));
        var namespace = DSL.table(DSL.name("pg_catalog", "pg_namespace"));
        return platform.fetchExists(DSL.selectOne().from(opclass).join(namespace)
                .on(DSL.field(DSL.name("pg_namespace", "oid")).eq(DSL.field(DSL.name("pg_opclass", "opcnamespace"))))
                .where(DSL.field(DSL.name("pg_opclass", "opcname")).eq("gin_trgm_ops"))
                .and(DSL.field(DSL.name("pg_namespace", "nspname")).eq("extensions")));
    }
}
