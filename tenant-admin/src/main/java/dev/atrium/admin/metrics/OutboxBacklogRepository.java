package dev.atrium.admin.metrics;

import static dev.atrium.db.jooq.tenant.Tables.WEBHOOK_DELIVERY;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Counts what the outboxes still have to deliver. */
final class OutboxBacklogRepository {

    // Spring Modulith's table: its code is not generated (the library reads and writes it).
    private static final Table<Record> EVENT_PUBLICATION = DSL.table(DSL.name("platform", "event_publication"));
    private static final Field<OffsetDateTime> COMPLETION_DATE = DSL.field(DSL.name("completion_date"), OffsetDateTime.class);

    private final DSLContext platform;

    OutboxBacklogRepository(DSLContext platform) {
        this.platform = platform;
    }

    /** Publications of the event outbox (invitation, reminder and notification e-mails) not completed yet. */
    long mail() {
        return platform.fetchCount(EVENT_PUBLICATION, COMPLETION_DATE.isNull());
    }

    /** One workspace's webhook messages still to be delivered. */
    long webhooks(DSLContext tenant) {
        return tenant.fetchCount(WEBHOOK_DELIVERY, WEBHOOK_DELIVERY.STATUS.eq("PENDING"));
    }
}
