package dev.atrium.admin.audit;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * A signed statement that a workspace's chain ended at event {@code seq} with link {@code mac} (made by key
 * {@code keyId}, null for a plain hash) at {@code signedAt}, and that plain-hash events were accepted up to
 * {@code legacyUntilSeq}. Published outside the database, so the database cannot take it back.
 */
public record AuditCheckpoint(UUID workspaceId, long seq, byte[] mac, Integer keyId, long legacyUntilSeq, Instant signedAt) {

    /** Whether this checkpoint records the same chain end as the other one. */
    boolean sameEnd(AuditCheckpoint other) {
        return other != null && other.seq == seq && Arrays.equals(other.mac, mac);
    }
}
