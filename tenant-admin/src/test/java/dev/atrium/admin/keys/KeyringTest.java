package dev.atrium.admin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.atrium.admin.Races;

class KeyringTest {

    private static final byte[] DATA = "event 1".getBytes(StandardCharsets.UTF_8);

    private static final int RACES = 20;

    @TempDir Path directory;

    @Test
    void aMissingKeysetIsGeneratedOnceReadableByTheOwnerOnlyAndKeptAcrossRestarts() throws Exception {
        byte[] tag = new Keyring(directory.toString()).mac(KeyPurpose.AUDIT_CHAIN).computeMac(DATA);

        Path file = directory.resolve("audit-chain.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Keyring restarted = new Keyring(directory.toString());
        restarted.mac(KeyPurpose.AUDIT_CHAIN).verifyMac(tag, DATA);
        assertThat(restarted.mac(KeyPurpose.AUDIT_CHAIN).computeMac(DATA)).isEqualTo(tag);
    }

    @Test
    void afterRotationNewMacsCarryTheNewKeyIdAndOldOnesStillVerifyOnEveryNode() throws Exception {
        Keyring node1 = new Keyring(directory.toString());
        Keyring node2 = new Keyring(directory.toString());
        byte[] before = node1.mac(KeyPurpose.AUDIT_CHAIN).computeMac(DATA);
        int oldKey = node2.primaryKeyId(KeyPurpose.AUDIT_CHAIN);

        int newKey = node1.rotate(KeyPurpose.AUDIT_CHAIN);
        // A rotation on one node is seen by the other through the file (a later modification time).
        Files.setLastModifiedTime(directory.resolve("audit-chain.json"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 1_000));

        assertThat(newKey).isNotEqualTo(oldKey);
        assertThat(node2.primaryKeyId(KeyPurpose.AUDIT_CHAIN)).isEqualTo(newKey);
        byte[] after = node2.mac(KeyPurpose.AUDIT_CHAIN).computeMac(DATA);
        assertThat(Arrays.equals(after, before)).isFalse();
        node2.mac(KeyPurpose.AUDIT_CHAIN).verifyMac(before, DATA);
        node1.mac(KeyPurpose.AUDIT_CHAIN).verifyMac(after, DATA);
    }

    /**
     * Nodes sharing a fresh key directory start at once (threads released together): each generates a keyset, one is
     * kept, and every node uses that one, so a MAC one makes verifies with every other. Before, each node wrote its own
     * over the others' and kept using it: the MACs of all but the last were lost for good.
     */
    @Test
    void nodesGeneratingTheFirstKeysetAtOnceAllUseTheOneKept() throws Exception {
        int violations = 0;
        for (int race = 0; race < RACES; race++) {
            String shared = Files.createTempDirectory(directory, "race").toString();
            List<Keyring> nodes = List.of(new Keyring(shared), new Keyring(shared), new Keyring(shared));
            byte[][] tags = new byte[nodes.size()][];
            List<Throwable> failures = Races.run(IntStream.range(0, nodes.size())
                    .<Runnable>mapToObj(node -> () -> tags[node] = mac(nodes.get(node))).toArray(Runnable[]::new));

            boolean broken = failures.stream().anyMatch(Objects::nonNull);
            for (Keyring verifying : List.of(nodes.get(0), nodes.get(1), nodes.get(2), new Keyring(shared))) {
                for (byte[] tag : tags) {
                    broken |= tag == null || !verifies(verifying, tag);
                }
            }
            violations += broken ? 1 : 0;
        }
        assertThat(violations).as(Races.rate("nodes starting at once on a fresh key directory share one keyset", violations, RACES)).isZero();
    }

    /**
     * A keyset file gone after it was read (an unmounted volume, a mistaken delete) is an error, not a new keyset: what
     * the node makes meanwhile would not verify once the file is back. Before, the node generated one quietly.
     */
    @Test
    void aKeysetFileGoneAfterItWasReadIsAnErrorAndNotReplaced() throws Exception {
        Keyring node = new Keyring(directory.toString());
        byte[] before = mac(node);
        Path file = directory.resolve("audit-chain.json");
        String kept = Files.readString(file);
        Files.delete(file);

        assertThatThrownBy(() -> node.mac(KeyPurpose.AUDIT_CHAIN))
                .isInstanceOf(IllegalStateException.class).isInstanceOf(KeyringException.class).hasMessageContaining("restore it");
        assertThat(file).doesNotExist();

        Files.writeString(file, kept); // the volume is back
        node.mac(KeyPurpose.AUDIT_CHAIN).verifyMac(before, DATA);
    }

    @Test
    void aMacFromAnotherKeyringIsRefused() throws Exception {
        byte[] forged = new Keyring("").mac(KeyPurpose.AUDIT_CHAIN).computeMac(DATA);

        assertThatThrownBy(() -> new Keyring(directory.toString()).mac(KeyPurpose.AUDIT_CHAIN).verifyMac(forged, DATA))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void secretsDecryptAfterRotationAndCheckpointSignaturesVerifyWithThePublicKey() throws Exception {
        Keyring keyring = new Keyring(directory.toString());
        byte[] sealed = keyring.aead(KeyPurpose.SECRETS).encrypt(DATA, "invitation".getBytes(StandardCharsets.UTF_8));
        byte[] signature = keyring.signer(KeyPurpose.AUDIT_CHECKPOINT).sign(DATA);

        keyring.rotate(KeyPurpose.SECRETS);

        assertThat(keyring.aead(KeyPurpose.SECRETS).decrypt(sealed, "invitation".getBytes(StandardCharsets.UTF_8))).isEqualTo(DATA);
        assertThatThrownBy(() -> keyring.aead(KeyPurpose.SECRETS).decrypt(sealed, "other".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class);
        keyring.verifier(KeyPurpose.AUDIT_CHECKPOINT).verify(signature, DATA);
        assertThat(Files.readString(directory.resolve("secrets.json"))).doesNotContain(new String(DATA, StandardCharsets.UTF_8));
    }

    private static byte[] mac(Keyring keyring) {
        try {
            return keyring.mac(KeyPurpose.AUDIT_CHAIN).computeMac(DATA);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean verifies(Keyring keyring, byte[] tag) {
        try {
            keyring.mac(KeyPurpose.AUDIT_CHAIN).verifyMac(tag, DATA);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
