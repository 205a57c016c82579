package dev.atrium.admin.audit;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * An event's canonical content (JSON with sorted keys, times in UTC to the microsecond, as PostgreSQL keeps them), which
 * its link in the chain covers, and the plain SHA-256 links of events recorded before the chain was keyed.
 */
final class AuditHashing {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private AuditHashing() {
    }

    /** One digest per thread, reused: verification hashes every plain-hash event of a chain. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    });

    /** The link of an event recorded before the chain was keyed: SHA-256 over the previous hash and the content. */
    static byte[] legacyHash(byte[] previousHash, AuditEvent event) {
        return SHA_256.get().digest(linkInput(previousHash, event));
    }

    /** What an event's link covers: the previous link, then the canonical content. */
    static byte[] linkInput(byte[] previous, AuditEvent event) {
        byte[] content = canonical(event).getBytes(StandardCharsets.UTF_8);
        if (previous == null) {
            return content;
        }
        byte[] input = Arrays.copyOf(previous, previous.length + content.length);
        System.arraycopy(content, 0, input, previous.length, content.length);
        return input;
    }

    /**
     * {@link #content} as JSON with its keys sorted, written field by field in that order: what
     * {@code JSON.writeValueAsString(content(event))} writes, byte for byte ({@code AuditHashingTest}), without the map.
     */
    static String canonical(AuditEvent event) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringProperty("action", event.action());
            json.writeStringProperty("actorEmail", event.actorEmail());
            json.writeStringProperty("actorId", event.actorId() == null ? null : event.actorId().toString());
            if (event.actorKind() != AuditEvent.impliedKind(event.actorId())) {
                json.writeStringProperty("actorKind", event.actorKind().name());
            }
            json.writeStringProperty("actorName", event.actorName());
            writeSorted(json, "after", event.after());
            writeSorted(json, "before", event.before());
            json.writeStringProperty("id", event.id().toString());
            json.writeStringProperty("ipAddress", event.ipAddress());
            json.writeStringProperty("occurredAt", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().toInstant()));
            json.writeStringProperty("requestId", event.requestId());
            json.writeNumberProperty("seq", event.seq());
            json.writeStringProperty("targetId", event.target() == null ? null : event.target().id());
            json.writeStringProperty("targetLabel", event.target() == null ? null : event.target().label());
            json.writeStringProperty("targetType", event.target() == null ? null : event.target().type());
            json.writeStringProperty("userAgent", event.userAgent());
            json.writeEndObject();
        }
        return out.toString();
    }

    /** A before/after value as {@link #content} holds it: parsed, so its keys are written sorted. */
    private static void writeSorted(JsonGenerator json, String name, String value) {
        json.writeName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeRawValue(JSON.writeValueAsString(parse(value)));
        }
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
        // Events recorded before actor kinds existed have no such key, and every event whose kind is the one its
        // actorId implies (a member's, the system's) leaves it out too, so old chains verify as they did. Any other
        // kind (an API key's) is covered; so is a kind changed afterwards, which then no longer matches actorId.
        if (event.actorKind() != AuditEvent.impliedKind(event.actorId())) {
            content.put("actorKind", event.actorKind().name());
        }
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
