package dev.atrium.admin.audit;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.atrium.admin.tenancy.Actor;

/**
 * One recorded change. {@code before} and {@code after} are JSON objects (or null) of the values that changed. The
 * actor is recorded as it was at that moment: its kind; for a member, the account's id, e-mail and name; for an API
 * key, its id and name; for the system, nothing else. The origin is null outside a request.
 */
public record AuditEvent(long seq, UUID id, OffsetDateTime occurredAt, Actor.Kind actorKind, @Nullable UUID actorId, @Nullable String actorEmail,
        @Nullable String actorName, String action, @Nullable AuditTarget target, @Nullable String before,
        @Nullable String after, @Nullable String ipAddress, @Nullable String userAgent, @Nullable String requestId) {

    /** The kind an event recorded before actor kinds were stored implies: the system when it names no account. */
    static Actor.Kind impliedKind(@Nullable UUID actorId) {
        return actorId == null ? Actor.Kind.SYSTEM : Actor.Kind.MEMBER;
    }

    /** A kind as the actor_kind column holds it: member, system, api_key. */
    static String storedKind(Actor.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /** The kind the actor_kind column holds, or the one the actor id implies where it holds none. */
    static Actor.Kind kindOf(@Nullable String stored, @Nullable UUID actorId) {
        return stored == null ? impliedKind(actorId) : Actor.Kind.valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
