package dev.atrium.admin.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.signature.SignatureConfig;

import dev.atrium.admin.config.AtriumProperties;

/**
 * The keysets of {@link KeyPurpose}, kept as Tink JSON keyset files in {@code atrium.keys.directory} (never in the
 * database). A keyset missing at first use is generated and written with owner-only permissions, unless another
 * node wrote one first, which is then used; a keyset file gone after it was read is an error, never replaced. A keyset
 * file changed by another node's rotation is read again on next use. With an empty directory setting the keys live in
 * memory only, for tests and throw-away databases.
 */
@Component
public class Keyring {

    private static final Logger log = LoggerFactory.getLogger(Keyring.class);

    static {
        try {
            MacConfig.register();
            AeadConfig.register();
            SignatureConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A keyset as read, with the primitives made from it: making one per use costs more than the MAC it computes. */
    private record Loaded(KeysetHandle handle, @Nullable FileTime modified, Map<Class<?>, Object> primitives) {

        Loaded(KeysetHandle handle, @Nullable FileTime modified) {
            this(handle, modified, new ConcurrentHashMap<>());
        }
    }

    /** The modification time of a keyset file that does not exist: the epoch, which no keyset read or written has. */
    private static final FileTime MISSING = FileTime.fromMillis(0);

    private final Path directory;
    private final Map<KeyPurpose, Loaded> keysets = new ConcurrentHashMap<>();

    @Autowired
    Keyring(AtriumProperties properties) {
        this(properties.keys().directory());
    }

    Keyring(String directory) {
        this.directory = directory.isBlank() ? null : Path.of(directory);
        if (this.directory == null) {
            log.warn("atrium.keys.directory is empty: audit and secret keys live in memory only and die with the process");
        }
    }

    public Mac mac(KeyPurpose purpose) {
        return primitive(purpose, Mac.class);
    }

    public Aead aead(KeyPurpose purpose) {
        return primitive(purpose, Aead.class);
    }

    public PublicKeySign signer(KeyPurpose purpose) {
        return primitive(purpose, PublicKeySign.class);
    }

    public PublicKeyVerify verifier(KeyPurpose purpose) {
        try {
            return handle(purpose).getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);
        } catch (GeneralSecurityException e) {
            throw new KeyringException(purpose, e);
        }
    }

    /** The id of the key that makes new MACs, signatures and ciphertexts for the purpose. */
    public int primaryKeyId(KeyPurpose purpose) {
        return handle(purpose).getPrimary().getId();
    }

    /**
     * Adds a new key and makes it primary; earlier keys stay to verify and decrypt what they made.
     *
     * @return the new primary key's id
     */
    public synchronized int rotate(KeyPurpose purpose) {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(handle(purpose))
                    .addEntry(KeysetHandle.generateEntryFromParameters(purpose.parameters()).withRandomId().makePrimary())
                    .build();
            keysets.put(purpose, new Loaded(rotated, store(purpose, rotated)));
            log.info("Rotated the {} keyset; new primary key {}", purpose, rotated.getPrimary().getId());
            return rotated.getPrimary().getId();
        } catch (GeneralSecurityException e) {
            throw new KeyringException(purpose, e);
        }
    }

    private <P> P primitive(KeyPurpose purpose, Class<P> type) {
        Loaded loaded = loaded(purpose);
        return type.cast(loaded.primitives().computeIfAbsent(type, t -> {
            try {
                return loaded.handle().getPrimitive(RegistryConfiguration.get(), t);
            } catch (GeneralSecurityException e) {
                throw new KeyringException(purpose, e);
            }
        }));
    }

    private KeysetHandle handle(KeyPurpose purpose) {
        return loaded(purpose).handle();
    }

    /**
     * The purpose's keyset as the key directory holds it now (read again when its file changed). The keyset read last
     * is checked against the file's modification time without a lock, one system call: every audit event's link asks
     * for it, and the node's appends to all workspaces would otherwise take turns here.
     */
    private Loaded loaded(KeyPurpose purpose) {
        Loaded loaded = keysets.get(purpose);
        if (loaded != null && (directory == null || modified(purpose).equals(loaded.modified()))) {
            return loaded;
        }
        return load(purpose);
    }

    /** The keyset file's modification time, {@link #MISSING} when there is none. */
    private FileTime modified(KeyPurpose purpose) {
        try {
            return Files.getLastModifiedTime(directory.resolve(purpose.fileName()));
        } catch (NoSuchFileException none) {
            return MISSING;
        } catch (IOException e) {
            throw new KeyringException(purpose, e);
        }
    }

    /** Reads, or first generates, the purpose's keyset: one thread at a time, and not while a rotation writes it. */
    private synchronized Loaded load(KeyPurpose purpose) {
        try {
            Loaded loaded = keysets.get(purpose);
            if (directory == null) {
                if (loaded == null) {
                    loaded = new Loaded(KeysetHandle.generateNew(purpose.parameters()), null);
                    keysets.put(purpose, loaded);
                }
                return loaded;
            }
            Path file = directory.resolve(purpose.fileName());
            FileTime modified = modified(purpose);
            if (modified.equals(MISSING)) {
                if (loaded != null) {
                    // A new keyset would make everything made with the one gone unverifiable for good: an unmounted
                    // volume or a mistaken delete is for an operator to put right.
                    throw new KeyringException(purpose, "its file " + file + " was read before and is gone; restore it from a backup");
                }
                publish(purpose, KeysetHandle.generateNew(purpose.parameters()));
                modified = modified(purpose);
            }
            if (loaded == null || !modified.equals(loaded.modified())) {
                loaded = new Loaded(TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file, StandardCharsets.UTF_8),
                        InsecureSecretKeyAccess.get()), modified);
            }
            keysets.put(purpose, loaded);
            return loaded;
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyringException(purpose, e);
        }
    }

    /**
     * Writes a first keyset unless another node's is there already: that one is kept, or what was made with the one
     * written later by a node starting at the same time would never verify again. The caller reads the file back.
     */
    private void publish(KeyPurpose purpose, KeysetHandle generated) throws GeneralSecurityException, IOException {
        Path file = directory.resolve(purpose.fileName());
        Path temporary = written(purpose, generated);
        try {
            // A hard link is made whole or not at all and never over an existing file.
            Files.createLink(file, temporary);
            log.warn("Generated a new {} keyset in {}: back it up apart from the database", purpose, file);
        } catch (FileAlreadyExistsException another) {
            log.info("Using the {} keyset another node generated in {}", purpose, file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Writes the keyset owner-readable only, atomically, so a crash never leaves half a key file. */
    private FileTime store(KeyPurpose purpose, KeysetHandle handle) throws GeneralSecurityException {
        if (directory == null) {
            return null;
        }
        try {
            Path file = directory.resolve(purpose.fileName());
            Path temporary = written(purpose, handle);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the " + purpose + " keyset to " + directory, e);
        }
    }

    /** A temporary file in the key directory, owner-readable only, holding the keyset. */
    private Path written(KeyPurpose purpose, KeysetHandle handle) throws GeneralSecurityException, IOException {
        Files.createDirectories(directory);
        Path temporary = Files.createTempFile(directory, purpose.fileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(temporary, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()),
                StandardCharsets.UTF_8);
        return temporary;
    }
}
