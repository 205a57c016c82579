package dev.atrium.admin.apikey;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The secret of an API key: {@code atrium_<key id>_<random><checksum>} for a workspace's key,
 * {@code atrium_platform_<key id>_<random><checksum>} for a platform key (its own prefix, so scanners, logs and the
 * API tell the two kinds apart at a glance), all base62. The key id (22 characters) is
 * the key's UUID; the random part (43 characters) is 256 bits from {@link SecureRandom}; the checksum (6 characters)
 * is the CRC32 of everything before it, as GitHub's tokens carry one, so a scanner or client can refuse a mistyped
 * secret without asking. Only the SHA-256 of the whole secret is stored and compared, in constant time.
 */
public final class ApiKeySecrets {

    public static final String PREFIX = "atrium_";
    public static final String PLATFORM_PREFIX = "atrium_platform_";
    static final int ID_LENGTH = 22;
    static final int RANDOM_LENGTH = 43;
    static final int CHECKSUM_LENGTH = 6;

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(ALPHABET.length());
    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern FORMAT = format(PREFIX);
    private static final Pattern PLATFORM_FORMAT = format(PLATFORM_PREFIX);

    private ApiKeySecrets() {
    }

    private static Pattern format(String prefix) {
        return Pattern.compile(Pattern.quote(prefix) + "([0-9A-Za-z]{" + ID_LENGTH + "})_([0-9A-Za-z]{" + RANDOM_LENGTH + "})([0-9A-Za-z]{"
                + CHECKSUM_LENGTH + "})");
    }

    /** A new secret for the workspace's key. */
    static String newSecret(UUID keyId) {
        return newSecret(PREFIX, keyId);
    }

    /** A new secret for the platform key. */
    static String newPlatformSecret(UUID keyId) {
        return newSecret(PLATFORM_PREFIX, keyId);
    }

    private static String newSecret(String prefix, UUID keyId) {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        String body = prefix + encode(uuidBytes(keyId), ID_LENGTH) + "_" + encode(random, RANDOM_LENGTH);
        return body + checksum(body);
    }

    /** Whether the text has a platform key's prefix (well-formed or not). */
    public static boolean isPlatform(String secret) {
        return secret.startsWith(PLATFORM_PREFIX);
    }

    /**
     * The key id of a well-formed workspace key's secret whose checksum matches; empty for anything else (a platform
     * key's secret included), without a database look-up.
     */
    public static Optional<UUID> keyIdOf(String secret) {
        return keyIdOf(FORMAT, secret);
    }

    /** The key id of a well-formed platform key's secret whose checksum matches; empty for anything else. */
    public static Optional<UUID> platformKeyIdOf(String secret) {
        return keyIdOf(PLATFORM_FORMAT, secret);
    }

    private static Optional<UUID> keyIdOf(Pattern format, String secret) {
        Matcher matcher = format.matcher(secret);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String body = secret.substring(0, secret.length() - CHECKSUM_LENGTH);
        if (!MessageDigest.isEqual(checksum(body).getBytes(StandardCharsets.US_ASCII), matcher.group(3).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        BigInteger id = new BigInteger(1, decode(matcher.group(1)));
        if (id.bitLength() > 128) {
            return Optional.empty();
        }
        ByteBuffer bytes = ByteBuffer.wrap(toFixed(id, 16));
        return Optional.of(new UUID(bytes.getLong(), bytes.getLong()));
    }

    static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static boolean matches(String secret, byte[] storedHash) {
        return MessageDigest.isEqual(hash(secret), storedHash);
    }

    private static String checksum(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return encode(BigInteger.valueOf(crc.getValue()).toByteArray(), CHECKSUM_LENGTH);
    }

    private static byte[] uuidBytes(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array();
    }

    /** Base62, left-padded with zeros to a fixed length (which fits the largest value of that many bytes). */
    private static String encode(byte[] bytes, int length) {
        BigInteger value = new BigInteger(1, bytes);
        StringBuilder text = new StringBuilder();
        while (value.signum() > 0) {
            BigInteger[] qr = value.divideAndRemainder(BASE);
            text.append(ALPHABET.charAt(qr[1].intValue()));
            value = qr[0];
        }
        while (text.length() < length) {
            text.append('0');
        }
        return text.reverse().toString();
    }

    private static byte[] decode(String text) {
        BigInteger value = BigInteger.ZERO;
        for (char c : text.toCharArray()) {
            value = value.multiply(BASE).add(BigInteger.valueOf(ALPHABET.indexOf(c)));
        }
        return value.toByteArray();
    }

    private static byte[] toFixed(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] fixed = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, fixed, length - copy, copy);
        return fixed;
    }
}
