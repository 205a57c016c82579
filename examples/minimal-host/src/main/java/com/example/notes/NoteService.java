package com.example.notes;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Records;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.audit.AuditLog;
import dev.atrium.admin.audit.AuditTarget;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.refusal.Reason;
import dev.atrium.admin.tenancy.TenantDsl;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.text.DisplayText;

/** The notes of the bound workspace: checked, audited, and reached only through the workspace's own schema. */
@Service
public class NoteService {

    public record Note(UUID id, String title, OffsetDateTime createdAt) {
    }

    /** A title refused, with a code whose text is {@code error.<code>} in messages.properties. */
    public static class TitleRefused extends AtriumRefusal {
        TitleRefused(Reason reason) {
            super(reason);
        }
    }

    public static final int MAX_TITLE_LENGTH = 100;

    // The changelog's table in Atrium's template schema "tenant"; the workspace's DSLContext renders the bound
    // workspace's schema in its place. (Generated jOOQ classes work the same way: see app/pom.xml.)
    private static final Table<Record> NOTE = DSL.table(DSL.name("tenant", "note"));
    private static final Field<UUID> ID = DSL.field(DSL.name("id"), UUID.class);
    private static final Field<String> TITLE = DSL.field(DSL.name("title"), String.class);
    private static final Field<OffsetDateTime> CREATED_AT = DSL.field(DSL.name("created_at"), OffsetDateTime.class);

    private final TenantDsl tenantDsl;
    private final AccessControl access;
    private final AuditLog audit;
    private final Clock clock;

    NoteService(TenantDsl tenantDsl, AccessControl access, AuditLog audit, Clock clock) {
        this.tenantDsl = tenantDsl;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Note> list(TenantScope scope) {
        access.require(scope, NotePermissions.NOTES_VIEW);
        return tenantDsl.of(scope).select(ID, TITLE, CREATED_AT).from(NOTE)
                .orderBy(CREATED_AT.desc(), ID)
                .fetch(Records.mapping(Note::new));
    }

    /** @throws TitleRefused saying what is wrong with the title; nothing is stored */
    @Transactional
    public Note create(TenantScope scope, String rawTitle) {
        access.require(scope, NotePermissions.NOTES_EDIT);
        String title = DisplayText.singleLine(rawTitle);
        if (title.isEmpty()) {
            throw new TitleRefused(Reason.of("note.title.missing"));
        }
        DisplayText.problem("note.title", title, MAX_TITLE_LENGTH, DisplayText.Lines.SINGLE).ifPresent(problem -> {
            throw new TitleRefused(problem);
        });
        Note note = new Note(UUID.randomUUID(), title, OffsetDateTime.now(clock).truncatedTo(ChronoUnit.MICROS));
        tenantDsl.of(scope).insertInto(NOTE, ID, TITLE, CREATED_AT).values(note.id(), note.title(), note.createdAt()).execute();
        audit.record(scope, "note.created", new AuditTarget("note", note.id().toString(), title), Map.of(),
                Map.of("title", title));
        return note;
    }
}
