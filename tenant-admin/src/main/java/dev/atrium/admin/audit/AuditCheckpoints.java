package dev.atrium.admin.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.atrium.admin.config.AtriumProperties;
import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;

/**
 * Publishes signed checkpoints to a directory the operator keeps apart from the database: one JSON Lines file per
 * workspace ({@code <workspace id>.jsonl}), only ever appended to, each line signed with the
 * {@link KeyPurpose#AUDIT_CHECKPOINT} key (Ed25519). Whoever holds only the database's credentials can neither take a
 * checkpoint back nor forge one.
 */
@Component
class AuditCheckpoints {

    /** Far more than a checkpoint line takes; only the file's end is read. */
    private static final int TAIL_BYTES = 16 * 1024;
    private static final String SIGNATURE = "signature";

    /** The workspace's last checkpoint does not verify: it was not signed with the checkpoint key, or was altered. */
    static final class InvalidCheckpointException extends RuntimeException {
        private final transient AuditVerification.Problem problem;

        InvalidCheckpointException(AuditVerification.Kind kind, String detail) {
            super(kind.messageKey() + ": " + detail);
            this.problem = AuditVerification.Problem.of(kind);
        }

        AuditVerification.Problem problem() {
            return problem;
        }
    }

    private final Keyring keyring;
    private final Path directory;

    AuditCheckpoints(Keyring keyring, AtriumProperties properties) {
        this.keyring = keyring;
        this.directory = Path.of(properties.audit().checkpoints().directory());
    }

    /**
     * Signs the checkpoint and appends it to its workspace's file, on disk before this returns; unless the last one
     * published is as new already (two verifications finishing out of order never move the last checkpoint back).
     */
    synchronized boolean publish(AuditCheckpoint checkpoint) {
        if (last(checkpoint.workspaceId()).filter(last -> last.seq() >= checkpoint.seq()).isPresent()) {
            return false;
        }
        Map<String, Object> line = fields(checkpoint);
        try {
            line.put(SIGNATURE, Base64.getEncoder().encodeToString(
                    keyring.signer(KeyPurpose.AUDIT_CHECKPOINT).sign(payload(line))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The audit checkpoint key cannot sign", e);
        }
        try {
            Files.createDirectories(directory);
            try (FileChannel file = FileChannel.open(fileOf(checkpoint.workspaceId()),
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                // A line cut short by a crash goes first: written after it, this checkpoint would join it in one
                // unreadable line, and every later verification would report the file altered.
                file.truncate(tail(file).endOfLastLine());
                file.position(file.size());
                file.write(ByteBuffer.wrap((AuditHashing.JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8)));
                file.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not publish the audit checkpoint to " + directory, e);
        }
        return true;
    }

    /**
     * The workspace's last checkpoint, its signature verified; empty if none was published yet. A line cut short by a
     * crash while it was written is not a checkpoint; the one before it is.
     *
     * @throws InvalidCheckpointException if the last checkpoint's signature does not verify
     */
    Optional<AuditCheckpoint> last(UUID workspaceId) {
        Path path = fileOf(workspaceId);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        Tail tail;
        try (SeekableByteChannel file = Files.newByteChannel(path)) {
            tail = tail(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the audit checkpoints in " + path, e);
        }
        int end = tail.lastNewline(tail.bytes().length);
        if (end < 0) {
            return Optional.empty();
        }
        int start = tail.lastNewline(end) + 1;
        if (start == 0 && tail.start() > 0) {
            throw new InvalidCheckpointException(AuditVerification.Kind.CHECKPOINT_NOT_A_LINE, path.toString());
        }
        return Optional.of(parse(new String(tail.bytes(), start, end - start, StandardCharsets.UTF_8), workspaceId));
    }

    /** The file's last {@link #TAIL_BYTES} bytes, which hold its last line, and where in the file they start. */
    private record Tail(byte[] bytes, long start) {

        /** The index of the last newline before {@code before}; -1 if none. UTF-8 never has 0x0A inside a character. */
        int lastNewline(int before) {
            for (int i = before - 1; i >= 0; i--) {
                if (bytes[i] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        /** Where the file's last complete line ends (the start of the tail if it holds no newline). */
        long endOfLastLine() {
            return start + lastNewline(bytes.length) + 1;
        }
    }

    private static Tail tail(SeekableByteChannel file) throws IOException {
        long size = file.size();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(size, TAIL_BYTES));
        file.position(size - buffer.capacity());
        while (buffer.hasRemaining() && file.read(buffer) > 0) {
            // read to the end
        }
        return new Tail(Arrays.copyOf(buffer.array(), buffer.position()), size - buffer.capacity());
    }

    private AuditCheckpoint parse(String text, UUID workspaceId) {
        Map<String, Object> line;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = AuditHashing.JSON.readValue(text, LinkedHashMap.class);
            line = parsed;
            Object signature = line.remove(SIGNATURE);
            keyring.verifier(KeyPurpose.AUDIT_CHECKPOINT).verify(Base64.getDecoder().decode(String.valueOf(signature)), payload(line));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new InvalidCheckpointException(AuditVerification.Kind.CHECKPOINT_SIGNATURE_INVALID, String.valueOf(workspaceId));
        }
        AuditCheckpoint checkpoint = new AuditCheckpoint(UUID.fromString((String) line.get("workspaceId")),
                ((Number) line.get("seq")).longValue(), Base64.getDecoder().decode((String) line.get("mac")),
                line.get("keyId") == null ? null : ((Number) line.get("keyId")).intValue(),
                ((Number) line.get("legacyUntilSeq")).longValue(), Instant.parse((String) line.get("signedAt")));
        if (!checkpoint.workspaceId().equals(workspaceId)) {
            throw new InvalidCheckpointException(AuditVerification.Kind.CHECKPOINT_OF_ANOTHER_WORKSPACE, String.valueOf(workspaceId));
        }
        return checkpoint;
    }

    private static Map<String, Object> fields(AuditCheckpoint checkpoint) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("workspaceId", checkpoint.workspaceId().toString());
        fields.put("seq", checkpoint.seq());
        fields.put("mac", Base64.getEncoder().encodeToString(checkpoint.mac()));
        fields.put("keyId", checkpoint.keyId());
        fields.put("legacyUntilSeq", checkpoint.legacyUntilSeq());
        fields.put("signedAt", checkpoint.signedAt().toString());
        return fields;
    }

    /** What is signed: the fields as canonical JSON (sorted keys), so that reading and writing agree byte for byte. */
    private static byte[] payload(Map<String, Object> fields) {
        return AuditHashing.JSON.writeValueAsString(fields).getBytes(StandardCharsets.UTF_8);
    }

    /** Whether the plain-hash boundaries the upgrade left unsigned were signed ({@link AuditBoundaries}). */
    boolean boundariesSigned() {
        return Files.exists(boundariesSignedMarker());
    }

    /** Records, outside the database, that the boundaries the upgrade left unsigned were signed: on disk before this returns. */
    void markBoundariesSigned() {
        try {
            Files.createDirectories(directory);
            try (FileChannel file = FileChannel.open(boundariesSignedMarker(),
                    Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                file.force(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record in " + directory + " that the audit boundaries were signed", e);
        }
    }

    /** Not a workspace's file: those are named by a UUID and end in .jsonl. */
    Path boundariesSignedMarker() {
        return directory.resolve("legacy-boundaries-signed");
    }

    Path fileOf(UUID workspaceId) {
        return directory.resolve(workspaceId + ".jsonl");
    }
}
