package dev.atrium.admin.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash chain: each event's hash is SHA-256 over the previous event's hash and the event's canonical content
 * (JSON with sorted keys, times in UTC to the microsecond, as PostgreSQL keeps them).
 */
final class AuditHashing {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private AuditHashing() {
    }

    static byte[] hash(byte[] previousHash, AuditEvent event) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            if (previousHash != null) {
                sha256.update(previousHash);
            }
            return sha256.digest(canonical(event).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static String canonical(AuditEvent event) {
        return JSON.writeValueAsString(content(event));
    }

    /** The event as a map of plain values, before and after as JSON structures; also the JSON Lines export's form. */
    static Map<String, Object> content(AuditEvent event) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("seq", event.seq());
        content.put("id", event.id().toString());
        content.put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().toInstant()));
        content.put("actorId", event.actorId() == null ? null : event.actorId().toString());
        content.put("actorEmail", event.actorEmail());
        content.put("actorName", event.actorName());
        content.put("action", event.action());
        content.put("targetType", event.target() == null ? null : event.target().type());
        content.put("targetId", event.target() == null ? null : event.target().id());
        content.put("targetLabel", event.target() == null ? null : event.target().label());
        content.put("before", parse(event.before()));
        content.put("after", parse(event.after()));
        content.put("ipAddress", event.ipAddress());
        content.put("userAgent", event.userAgent());
        content.put("requestId", event.requestId());
        return content;
    }

    /** JSON text → sorted structure, so that PostgreSQL's jsonb normalisation does not change the hash. */
    private static Object parse(String json) {
        return json == null ? null : JSON.readValue(json, Object.class);
    }

    static String toJson(Map<String, ?> values) {
        return values == null ? null : JSON.writeValueAsString(values);
    }
}
