package dev.atrium.admin.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;

/**
 * Endpoints' signing secrets: Standard Webhooks' {@code whsec_} followed by base64 of 32 random bytes; sealed with the
 * webhook-secrets keyset (outside the database), bound to the workspace and endpoint, so a sealed secret copied to
 * another row does not open. Signatures are HMAC-SHA256 of {@code id.timestamp.body}.
 */
@Component
class WebhookSecrets {

    static final String PREFIX = "whsec_";
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Keyring keyring;

    WebhookSecrets(Keyring keyring) {
        this.keyring = keyring;
    }

    static String newSecret() {
        byte[] key = new byte[SECRET_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    byte[] seal(UUID workspaceId, UUID endpointId, String secret) {
        try {
            return keyring.aead(KeyPurpose.WEBHOOK_SECRETS).encrypt(secret.getBytes(StandardCharsets.US_ASCII),
                    associatedData(workspaceId, endpointId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal the webhook secret", e);
        }
    }

    String open(UUID workspaceId, UUID endpointId, byte[] sealed) {
        try {
            return new String(keyring.aead(KeyPurpose.WEBHOOK_SECRETS).decrypt(sealed, associatedData(workspaceId, endpointId)),
                    StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The webhook secret of endpoint " + endpointId + " does not open", e);
        }
    }

    private static byte[] associatedData(UUID workspaceId, UUID endpointId) {
        return ("webhook-secret:" + workspaceId + ":" + endpointId).getBytes(StandardCharsets.US_ASCII);
    }

    /** One {@code webhook-signature} entry: {@code v1,} and base64 of HMAC-SHA256 over {@code id.timestamp.body}. */
    static String signature(String secret, String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256"));
            byte[] signed = mac.doFinal((messageId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(signed);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
