package dev.atrium.admin.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {

    private static final byte[] DATA = "event 1".getBytes(StandardCharsets.UTF_8);

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
}
