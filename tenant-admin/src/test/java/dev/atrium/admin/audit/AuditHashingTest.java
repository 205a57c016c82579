package dev.atrium.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.atrium.admin.tenancy.Actor;
import tools.jackson.core.JacksonException;

/**
 * The canonical content every link covers is written field by field; it must be, byte for byte, the sorted JSON of
 * {@link #content} that chains were linked with before, or every existing chain would stop verifying. That holds for
 * text with lone surrogates too, which the link input turns into '?' as {@link String#getBytes} does.
 */
class AuditHashingTest {

    private static final String[] TEXTS = {"Ada Lovelace", "Zoë Ünal <zoe@example.com>", "\"quoted\" \\ back\\slash",
            "tab\tand\nline", "日本語のチーム", "emoji 🚀", "=SUM(A1)", "", "</script>", "\u0001control",
            "lone \uD800 high", "lone \uDC00 low", "swapped \uDE80\uD83D pair", "reads like an escape: \\uD83D, \\\\uDE80",
            "backslash, then lone \\\uDC00",
            "line \u2028 next \u0085 delete \u007f no-break \u00a0 bom \ufeff"};
    private static final List<Map<String, ?>> VALUES = List.of(Map.of("role", "Admin"), Map.of("zeta", 1, "alpha", List.of(3, 1, 2), "mid", "x"),
            Map.of("nested", Map.of("b", true, "a", Map.of("y", 2.5, "x", -7)), "email", "a@b.c"),
            Map.of("permissions", List.of("members.view", "roles.view"), "count", 12345678901L), Map.of("empty", Map.of()),
            Map.of("text", "ünïcödé \"and\" quotes", "nothing", List.of()), Map.of("fraction", 0.5, "lone", "high \uD800"));

    /** As PostgreSQL's jsonb gives values back: keys by length, spaces after colons and commas; and edge cases. */
    private static final List<String> STORED = List.of("{\"role\": \"Member\"}",
            "{\"b\": 1, \"a\": [1, -0, 2.50, \"x\", null, true, false], \"ab\": {\"y\": {}, \"x\": []}}",
            "{\"big\": 123456789012345678901234567890, \"long\": -9007199254740993, \"exp\": 1e2}",
            "[{\"b\": \"\\u00e9\\n\"}, {\"a\": \"\\ud83d\\ude80 \\\"q\\\"\"}]", "\"just text\"", "42", "null",
            "{\"lone\": \"\\ud800\", \"control\": \"\\u0001\"}");

    @Test
    void theCanonicalFormIsTheSortedJsonOfTheEventsContentForEveryShapeOfEvent() {
        SplittableRandom random = new SplittableRandom(13);
        for (int k = 0; k < 2_000; k++) {
            Actor.Kind kind = Actor.Kind.values()[random.nextInt(3)];
            UUID actorId = kind == Actor.Kind.SYSTEM && random.nextBoolean() ? null : new UUID(random.nextLong(), random.nextLong());
            AuditTarget target = random.nextInt(4) == 0 ? null
                    : new AuditTarget(text(random), random.nextBoolean() ? null : text(random), text(random));
            AuditEvent event = new AuditEvent(random.nextLong(1, Long.MAX_VALUE), new UUID(random.nextLong(), random.nextLong()),
                    OffsetDateTime.ofInstant(Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(1_000_000) * 1_000L
                            * (random.nextBoolean() ? 1 : 0)), ZoneOffset.ofHours(random.nextInt(-12, 13))),
                    kind, actorId, text(random), text(random), text(random), target, json(random), json(random), text(random),
                    text(random), text(random));

            String expected = AuditHashing.JSON.writeValueAsString(content(event));
            assertThat(AuditHashing.canonical(event)).as("event %d: %s", k, event).isEqualTo(expected);
            byte[] previous = random.nextInt(10) == 0 ? null : new byte[] {(byte) k, 7, (byte) 0xff};
            byte[] content = expected.getBytes(StandardCharsets.UTF_8);
            assertThat(AuditHashing.linkInput(previous, event)).as("event %d's link input", k)
                    .isEqualTo(previous == null ? content : concat(previous, content));
        }
    }

    @Test
    void anEventWhoseContentCannotBeWrittenLeavesTheNextOnesWhole() {
        AuditEvent broken = event("{\"unclosed\": ");
        AuditEvent whole = event("{\"role\": \"Admin\"}");

        assertThatThrownBy(() -> AuditHashing.linkInput(null, broken)).isInstanceOf(JacksonException.class);

        assertThat(AuditHashing.linkInput(null, whole))
                .isEqualTo(AuditHashing.JSON.writeValueAsString(content(whole)).getBytes(StandardCharsets.UTF_8));
    }

    private static AuditEvent event(String after) {
        return new AuditEvent(7, UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC), Actor.Kind.SYSTEM, null, null, null,
                "member.role_changed", null, null, after, null, null, null);
    }

    /**
     * The content as chains were first linked with it: a map of plain values, before and after parsed into JSON
     * structures, written as sorted JSON. The reference the field-by-field writer must match.
     */
    private static Map<String, Object> content(AuditEvent event) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("seq", event.seq());
        content.put("id", event.id().toString());
        content.put("occurredAt", DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().toInstant()));
        content.put("actorId", event.actorId() == null ? null : event.actorId().toString());
        content.put("actorEmail", event.actorEmail());
        content.put("actorName", event.actorName());
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

    private static Object parse(String json) {
        return json == null ? null : AuditHashing.JSON.readValue(json, Object.class);
    }

    private static String text(SplittableRandom random) {
        return random.nextInt(5) == 0 ? null : TEXTS[random.nextInt(TEXTS.length)];
    }

    private static String json(SplittableRandom random) {
        if (random.nextInt(3) == 0) {
            return null;
        }
        return random.nextBoolean() ? STORED.get(random.nextInt(STORED.size())) : AuditHashing.toJson(VALUES.get(random.nextInt(VALUES.size())));
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
