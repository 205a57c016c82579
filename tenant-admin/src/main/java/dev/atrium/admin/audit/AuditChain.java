package dev.atrium.admin.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.google.crypto.tink.Mac;

import dev.atrium.admin.audit.AuditRepository.ChainedEvent;
import dev.atrium.admin.audit.AuditVerification.Kind;
import dev.atrium.admin.audit.AuditVerification.Problem;
import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;

/**
 * The keyed chain: each event's link is a Tink HMAC-SHA256 (the {@link KeyPurpose#AUDIT_CHAIN} keyset, kept outside the
 * database) over the previous event's link and the event's canonical content. Whoever can write the database but
 * does not hold the key cannot make a link that verifies. Events recorded before the chain was keyed carry plain
 * SHA-256 links, accepted only up to the boundary fixed at the upgrade, which is itself authenticated by a MAC of the
 * same keyset: the database alone can neither raise it nor copy another workspace's.
 */
@Component
class AuditChain {

    /** Tink's MAC output starts with a version byte and the 4-byte id of the key that made it. */
    private static final int TINK_PREFIX = 5;

    /** An event's link and the id of the key that made it. */
    record Link(byte[] mac, int keyId) {
    }

    private final Keyring keyring;

    AuditChain(Keyring keyring) {
        this.keyring = keyring;
    }

    /**
     * The link of the event that follows {@code previous}, made with the current primary key over the event's columns
     * (format {@link AuditHashing#COLUMNS}, which the event is stored with).
     */
    Link next(byte[] previous, AuditEvent event) {
        try {
            byte[] mac = keyring.mac(KeyPurpose.AUDIT_CHAIN)
                    .computeMac(AuditHashing.columnsInput(previous, AuditHashing.columnsOf(event)));
            return new Link(mac, keyIdOf(mac));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The audit chain key cannot make a MAC", e);
        }
    }

    /** The MAC that authenticates the workspace's plain-hash boundary, made with the current primary key. */
    Link boundary(UUID workspaceId, long legacyUntilSeq) {
        try {
            byte[] mac = keyring.mac(KeyPurpose.AUDIT_CHAIN).computeMac(boundaryInput(workspaceId, legacyUntilSeq));
            return new Link(mac, keyIdOf(mac));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The audit chain key cannot make a MAC", e);
        }
    }

    /**
     * What a boundary's MAC covers: a label, which an event's link input (a link, then JSON in braces or the byte 2 and
     * the columns) never reads as, so that the key's MACs over events and over boundaries cannot be swapped; then the
     * workspace and seq.
     */
    private static byte[] boundaryInput(UUID workspaceId, long legacyUntilSeq) {
        byte[] label = "atrium-audit-legacy-boundary\0".getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(label.length + 24).put(label).putLong(workspaceId.getMostSignificantBits())
                .putLong(workspaceId.getLeastSignificantBits()).putLong(legacyUntilSeq).array();
    }

    /**
     * Checks links against the keys held now. Take it after the snapshot the links are read from has begun, so every
     * key that made a link in it, even one rotated in a moment ago, is known.
     */
    Checker checker() {
        return new Checker(keyring.mac(KeyPurpose.AUDIT_CHAIN));
    }

    static int keyIdOf(byte[] mac) {
        return ByteBuffer.wrap(mac, 1, 4).getInt();
    }

    static final class Checker {

        private final Mac mac;

        private Checker(Mac mac) {
            this.mac = mac;
        }

        /**
         * What is wrong with an event's own link, or null if it is what the event's content and the previous link
         * make: a MAC by the key it names over the input of the event's {@code format}, or a plain hash for an event up
         * to {@code legacyUntilSeq}. A format changed in the database changes the input, so the MAC no longer verifies.
         */
        Problem problem(ChainedEvent row, long legacyUntilSeq) {
            byte[] link = row.hash();
            if (row.keyId() == null) {
                if (row.seq() > legacyUntilSeq) {
                    return Problem.of(Kind.PLAIN_HASH_AFTER_BOUNDARY, legacyUntilSeq);
                }
                return Arrays.equals(link, AuditHashing.legacyHash(row.prevHash(), row.event())) ? null
                        : Problem.of(Kind.CONTENT_DOES_NOT_MATCH_HASH);
            }
            if (link.length <= TINK_PREFIX || keyIdOf(link) != row.keyId()) {
                return Problem.of(Kind.KEY_ID_DOES_NOT_MATCH_MAC);
            }
            try {
                mac.verifyMac(link, row.linkFormat() == AuditHashing.COLUMNS
                        ? AuditHashing.columnsInput(row.prevHash(), row.content())
                        : AuditHashing.linkInput(row.prevHash(), row.event()));
                return null;
            } catch (GeneralSecurityException e) {
                return Problem.of(Kind.CONTENT_DOES_NOT_MATCH_MAC);
            }
        }

        /**
         * Whether the plain-hash boundary is one the application set: 0 admits no plain hash and needs no MAC; any
         * other needs the MAC of {@link #boundary}, by the key it names (an earlier key of the keyset still verifies).
         */
        boolean authentic(UUID workspaceId, long legacyUntilSeq, byte @Nullable [] boundaryMac, @Nullable Integer keyId) {
            if (legacyUntilSeq == 0) {
                return true;
            }
            if (boundaryMac == null || keyId == null || boundaryMac.length <= TINK_PREFIX || keyIdOf(boundaryMac) != keyId) {
                return false;
            }
            try {
                mac.verifyMac(boundaryMac, boundaryInput(workspaceId, legacyUntilSeq));
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }
}
