package dev.atrium.admin.audit;

import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an event's link in the chain covers, in either of its formats: {@link #CANONICAL_JSON}, the event's canonical
 * content (JSON with sorted keys, times in UTC to the microsecond, as PostgreSQL keeps them), which the plain SHA-256
 * links of events recorded before the chain was keyed and the MACs before format 2 cover; {@link #COLUMNS}, the
 * event's columns as length-prefixed bytes, which needs no JSON written to verify.
 */
final class AuditHashing {

    static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    /** A link over the previous link and the canonical JSON content ({@link #linkInput}). */
    static final short CANONICAL_JSON = 1;
    /** A link over the previous link and the length-prefixed columns ({@link #columnsInput}); what events get now. */
    static final short COLUMNS = 2;

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

    /**
     * What an event's link covers: the previous link, then the canonical content in UTF-8, written by this thread's
     * Jackson UTF-8 generator straight into bytes. That generator encodes text as {@link String#getBytes} does, surrogate
     * pairs included, but escapes a lone surrogate where {@code getBytes} writes '?': an event it escaped one in is
     * written as text and encoded instead. PostgreSQL keeps no lone surrogate (text is stored as {@code getBytes} makes
     * it), so only an event being recorded from Java strings can take that way, never one read back to verify.
     */
    static byte[] linkInput(byte @Nullable [] previous, AuditEvent event) {
        Scratch scratch = SCRATCH.get();
        byte[] prefix = previous == null ? NOTHING : previous;
        byte[] utf8 = scratch.utf8(prefix, event);
        if (utf8 != null) {
            return utf8;
        }
        StringBuffer chars = scratch.chars.getBuffer();
        chars.setLength(0);
        writeCanonical(scratch.chars, event);
        return scratch.encode(prefix, chars);
    }

    /**
     * What a link of format {@link #COLUMNS} covers: the previous link; the byte 2, where the canonical JSON of
     * {@link #linkInput} has its opening brace, so that no input reads as both; then each of the event's columns as
     * PostgreSQL sends them ({@link #columnsOf}), as its length (-1 for null) and its bytes. Verification takes them
     * as they arrive, without decoding or writing anything.
     */
    static byte[] columnsInput(byte @Nullable [] previous, byte[] @Nullable [] columns) {
        byte[] prefix = previous == null ? NOTHING : previous;
        int length = prefix.length + 1;
        for (byte[] column : columns) {
            length += Integer.BYTES + (column == null ? 0 : column.length);
        }
        byte[] input = Arrays.copyOf(prefix, length);
        int at = prefix.length;
        input[at++] = COLUMNS;
        for (byte[] column : columns) {
            int columnLength = column == null ? -1 : column.length;
            for (int shift = 24; shift >= 0; shift -= 8) {
                input[at++] = (byte) (columnLength >>> shift);
            }
            if (column != null) {
                System.arraycopy(column, 0, input, at, column.length);
                at += column.length;
            }
        }
        return input;
    }

    /**
     * An event's columns as PostgreSQL's binary COPY sends them to be verified, in the order the chain is read: seq
     * (int8), id (uuid), occurred_at (timestamptz: microseconds since 2000-01-01 UTC), actor_kind as stored, actor_id
     * (uuid), actor_email, actor_name, action, target_type, target_id, target_label, before_value and after_value (the
     * text jsonb gives back, which {@link #toJson} writes), ip_address, user_agent, request_id. Text is encoded as
     * {@link String#getBytes} encodes it, a lone surrogate as '?', as PostgreSQL stores it.
     */
    static byte[][] columnsOf(AuditEvent event) {
        AuditTarget target = event.target();
        return new byte[][] { int8(event.seq()), uuid(event.id()), int8(postgresMicros(event.occurredAt())),
                utf8(AuditEvent.storedKind(event.actorKind())), uuid(event.actorId()), utf8(event.actorEmail()),
                utf8(event.actorName()), utf8(event.action()), utf8(target == null ? null : target.type()),
                utf8(target == null ? null : target.id()), utf8(target == null ? null : target.label()), utf8(event.before()),
                utf8(event.after()), utf8(event.ipAddress()), utf8(event.userAgent()), utf8(event.requestId()) };
    }

    /** A timestamptz's value as PostgreSQL keeps it: microseconds since 2000-01-01 UTC. */
    private static long postgresMicros(OffsetDateTime time) {
        Instant at = time.toInstant();
        return Math.addExact(Math.multiplyExact(at.getEpochSecond() - POSTGRES_EPOCH.getEpochSecond(), 1_000_000L),
                at.getNano() / 1_000);
    }

    static OffsetDateTime timeOf(long postgresMicros) {
        return OffsetDateTime.ofInstant(POSTGRES_EPOCH.plus(postgresMicros, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static final Instant POSTGRES_EPOCH = Instant.parse("2000-01-01T00:00:00Z");
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static byte[] int8(long value) {
        byte[] bytes = new byte[Long.BYTES];
        LONG.set(bytes, 0, value);
        return bytes;
    }

    private static byte @Nullable [] uuid(@Nullable UUID id) {
        if (id == null) {
            return null;
        }
        byte[] bytes = new byte[2 * Long.BYTES];
        LONG.set(bytes, 0, id.getMostSignificantBits());
        LONG.set(bytes, Long.BYTES, id.getLeastSignificantBits());
        return bytes;
    }

    private static byte @Nullable [] utf8(@Nullable String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The event's content as JSON with its keys sorted, written field by field in that order: byte for byte what the
     * sorted JSON of a map of its values writes, which chains were linked with before ({@code AuditHashingTest}); also
     * each line of the JSON Lines export.
     */
    static String canonical(AuditEvent event) {
        StringWriter out = new StringWriter(512);
        writeCanonical(out, event);
        return out.toString();
    }

    private static void writeCanonical(Writer out, AuditEvent event) {
        try (JsonGenerator json = JSON.tokenStreamFactory().createGenerator(ObjectWriteContext.empty(), out)) {
            writeCanonical(json, event);
        }
    }

    private static void writeCanonical(JsonGenerator json, AuditEvent event) {
        json.writeStartObject();
        for (Property property : CANONICAL) {
            Object value = property.value().apply(event);
            switch (property.form()) {
                case TEXT -> {
                    if (value != LEFT_OUT) {
                        json.writeStringProperty(property.name(), (String) value);
                    }
                }
                case JSON -> writeSorted(json, property.name(), (String) value);
                case NUMBER -> json.writeNumberProperty(property.name(), (Long) value);
            }
        }
        json.writeEndObject();
    }

    /** How a property of the canonical content is written: as text, as a JSON value with its keys sorted, as a number. */
    private enum Form { TEXT, JSON, NUMBER }

    private record Property(String name, Form form, Function<AuditEvent, @Nullable Object> value) {
    }

    /** A property the content leaves out for this event. */
    private static final Object LEFT_OUT = new Object();

    /** The canonical content's properties, in its order (sorted by name). */
    private static final List<Property> CANONICAL = List.of(
            new Property("action", Form.TEXT, AuditEvent::action),
            new Property("actorEmail", Form.TEXT, AuditEvent::actorEmail),
            new Property("actorId", Form.TEXT, event -> event.actorId() == null ? null : event.actorId().toString()),
            // Events recorded before actor kinds existed have no such key, and every event whose kind is the one its
            // actorId implies (a member's, the system's) leaves it out too, so old chains verify as they did. Any other
            // kind (an API key's) is covered; so is a kind changed afterwards, which then no longer matches actorId.
            new Property("actorKind", Form.TEXT, event -> event.actorKind() == AuditEvent.impliedKind(event.actorId())
                    ? LEFT_OUT : event.actorKind().name()),
            new Property("actorName", Form.TEXT, AuditEvent::actorName),
            new Property("after", Form.JSON, AuditEvent::after),
            new Property("before", Form.JSON, AuditEvent::before),
            new Property("id", Form.TEXT, event -> event.id().toString()),
            new Property("ipAddress", Form.TEXT, AuditEvent::ipAddress),
            new Property("occurredAt", Form.TEXT, event -> DateTimeFormatter.ISO_INSTANT.format(event.occurredAt().toInstant())),
            new Property("requestId", Form.TEXT, AuditEvent::requestId),
            new Property("seq", Form.NUMBER, AuditEvent::seq),
            new Property("targetId", Form.TEXT, event -> event.target() == null ? null : event.target().id()),
            new Property("targetLabel", Form.TEXT, event -> event.target() == null ? null : event.target().label()),
            new Property("targetType", Form.TEXT, event -> event.target() == null ? null : event.target().type()),
            new Property("userAgent", Form.TEXT, AuditEvent::userAgent));

    /**
     * A before/after value, parsed so that its keys are written sorted: read token by token into the types Jackson's
     * untyped reading makes (maps, here sorted; lists, strings, integers, booleans) and written as its serializers write
     * them, without a data-binding context per value. A value with a fraction in it goes through data binding, whose
     * reading and writing of floating-point numbers is not repeated here, into the same generator.
     */
    private static void writeSorted(JsonGenerator json, String name, @Nullable String value) {
        json.writeName(name);
        if (value == null) {
            json.writeNull();
            return;
        }
        Object tree;
        try (JsonParser parser = JSON.tokenStreamFactory().createParser(ObjectReadContext.empty(), value)) {
            parser.nextToken();
            tree = read(parser);
        }
        if (tree == HAS_FRACTION) {
            JSON.writeValue(json, parse(value));
        } else {
            write(json, tree);
        }
    }

    private static @Nullable Object read(JsonParser parser) {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                Map<String, @Nullable Object> object = new TreeMap<>();
                while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    Object value = read(parser);
                    if (value == HAS_FRACTION) {
                        return HAS_FRACTION;
                    }
                    object.put(key, value);
                }
                return object;
            }
            case START_ARRAY -> {
                List<@Nullable Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    Object value = read(parser);
                    if (value == HAS_FRACTION) {
                        return HAS_FRACTION;
                    }
                    array.add(value);
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getString();
            }
            case VALUE_NUMBER_INT -> {
                return parser.getNumberValue();
            }
            case VALUE_TRUE -> {
                return Boolean.TRUE;
            }
            case VALUE_FALSE -> {
                return Boolean.FALSE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> {
                return HAS_FRACTION;
            }
        }
    }

    private static void write(JsonGenerator json, @Nullable Object value) {
        switch (value) {
            case null -> json.writeNull();
            case Map<?, ?> object -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : object.entrySet()) {
                    json.writeName((String) entry.getKey());
                    write(json, entry.getValue());
                }
                json.writeEndObject();
            }
            case List<?> array -> {
                json.writeStartArray();
                for (Object element : array) {
                    write(json, element);
                }
                json.writeEndArray();
            }
            case String text -> json.writeString(text);
            case Integer number -> json.writeNumber(number.intValue());
            case Long number -> json.writeNumber(number.longValue());
            case BigInteger number -> json.writeNumber(number);
            case Boolean bool -> json.writeBoolean(bool);
            default -> throw new IllegalStateException("Not a JSON value: " + value.getClass());
        }
    }

    /** Marks a value holding a fraction (or anything else {@link #read} does not repeat). */
    private static final Object HAS_FRACTION = new Object();
    private static final byte[] NOTHING = {};
    /** Per thread, reused: verification writes and encodes the canonical form of every event of a chain. */
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Writes one root value after another with nothing between them: each event's content goes to the sink alone. */
    private static final JsonFactory ONE_AFTER_ANOTHER = JsonFactory.builder().rootValueSeparator((String) null).build();

    private static final class Scratch {

        final StringWriter chars = new StringWriter(1024);
        private final ByteSink sink = new ByteSink();
        /** Kept open and reused: making one per event took about a twentieth of verification's CPU samples. */
        private final JsonGenerator bytesJson = ONE_AFTER_ANOTHER.createGenerator(ObjectWriteContext.empty(), sink);
        /** Malformed text (a lone surrogate) becomes '?', as {@link String#getBytes} makes it. */
        private final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private char[] text = new char[2048];
        private ByteBuffer bytes = ByteBuffer.allocate(4096);

        /** {@code prefix} followed by the content by the UTF-8 generator, or null if it escaped a lone surrogate in it. */
        byte @Nullable [] utf8(byte[] prefix, AuditEvent event) {
            sink.restart(prefix);
            try {
                writeCanonical(bytesJson, event);
                bytesJson.flush();
            } catch (RuntimeException e) {
                SCRATCH.remove(); // the generator may hold half an event: the thread's next one starts afresh
                throw e;
            }
            return sink.escapesLoneSurrogate(prefix.length) ? null : sink.toByteArray();
        }

        /**
         * {@code prefix} followed by {@code written} in UTF-8, in an array of its own. The characters are copied out
         * first in one call: encoding from an array takes the encoder's fast path, from the buffer one locked
         * {@code charAt} per character.
         */
        byte[] encode(byte[] prefix, StringBuffer written) {
            int length = written.length();
            if (text.length < length) {
                text = new char[Math.max(length, 2 * text.length)];
            }
            written.getChars(0, length, text, 0);
            int most = prefix.length + 3 * length;
            if (bytes.capacity() < most) {
                bytes = ByteBuffer.allocate(Math.max(most, 2 * bytes.capacity()));
            }
            bytes.clear();
            bytes.put(prefix);
            encoder.reset();
            encoder.encode(CharBuffer.wrap(text, 0, length), bytes, true);
            encoder.flush(bytes);
            return Arrays.copyOf(bytes.array(), bytes.position());
        }
    }

    /** Bytes written after a prefix into one growing array, reused: unlike {@code ByteArrayOutputStream}, not locked. */
    private static final class ByteSink extends OutputStream {

        private byte[] buffer = new byte[4096];
        private int size;

        void restart(byte[] prefix) {
            size = 0;
            write(prefix, 0, prefix.length);
        }

        @Override
        public void write(int b) {
            ensure(1);
            buffer[size++] = (byte) b;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            ensure(length);
            System.arraycopy(bytes, offset, buffer, size, length);
            size += length;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(size + more, 2 * buffer.length));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }

        /**
         * Whether the JSON written from {@code from} on holds a surrogate as an escape (backslash, u, then D800 to DFFF):
         * the UTF-8 generator writes a surrogate pair as its four bytes, so it is a lone one. A backslash escaping another
         * is skipped with it, so that escaped text that reads like an escape is not taken for one.
         */
        boolean escapesLoneSurrogate(int from) {
            for (int k = from; k < size - 5; k++) {
                if (buffer[k] == '\\') {
                    int third = buffer[k + 3] | 0x20; // a hex digit, lower-cased
                    boolean surrogate = third == '8' || third == '9' || third >= 'a' && third <= 'f';
                    if (buffer[k + 1] == 'u' && (buffer[k + 2] | 0x20) == 'd' && surrogate) {
                        return true;
                    }
                    k++;
                }
            }
            return false;
        }
    }

    /** JSON text → sorted structure, so that PostgreSQL's jsonb normalisation does not change the hash. */
    private static Object parse(String json) {
        return json == null ? null : JSON.readValue(json, Object.class);
    }

    /**
     * Before/after values as JSON in the text PostgreSQL's jsonb gives back for it, so that what is recorded is what is
     * read back to verify: keys sorted by their length in UTF-8 bytes, then bytewise; ", " and ": " between; numbers
     * in plain notation; only quotes, backslashes and control characters escaped. {@code AuditJsonbTextTest} holds it
     * to PostgreSQL's own output.
     */
    static @Nullable String toJson(@Nullable Map<String, ?> values) {
        if (values == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(64);
        writeJsonb(out, JSON.valueToTree(values));
        return out.toString();
    }

    private static void writeJsonb(StringBuilder out, JsonNode value) {
        if (value.isObject()) {
            List<Map.Entry<String, JsonNode>> properties = new ArrayList<>(value.properties());
            properties.sort(Comparator.comparing(property -> property.getKey().getBytes(StandardCharsets.UTF_8), JSONB_KEY_ORDER));
            out.append('{');
            for (int k = 0; k < properties.size(); k++) {
                out.append(k == 0 ? "" : ", ");
                writeJsonbString(out, properties.get(k).getKey());
                out.append(": ");
                writeJsonb(out, properties.get(k).getValue());
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int k = 0; k < value.size(); k++) {
                out.append(k == 0 ? "" : ", ");
                writeJsonb(out, value.get(k));
            }
            out.append(']');
        } else if (value.isString()) {
            writeJsonbString(out, value.stringValue());
        } else if (value.isIntegralNumber()) {
            out.append(value.bigIntegerValue());
        } else if (value.isNumber()) {
            out.append(value.decimalValue().toPlainString());
        } else if (value.isBoolean()) {
            out.append(value.booleanValue());
        } else if (value.isNull()) {
            out.append("null");
        } else {
            throw new IllegalArgumentException("Not a JSON value: " + value.getNodeType());
        }
    }

    /** jsonb's order of an object's keys: shorter first, then by their bytes. */
    private static final Comparator<byte[]> JSONB_KEY_ORDER = Comparator.<byte[]>comparingInt(key -> key.length)
            .thenComparing(Arrays::compareUnsigned);

    private static void writeJsonbString(StringBuilder out, String text) {
        out.append('"');
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < ' ') {
                        out.append("\\u00").append(HexFormat.of().toHexDigits((byte) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
