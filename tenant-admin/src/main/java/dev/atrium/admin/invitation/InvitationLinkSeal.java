package dev.atrium.admin.invitation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.atrium.admin.keys.KeyPurpose;
import dev.atrium.admin.keys.Keyring;

/**
 * Encrypts an invitation token for the outbox (AES-256-GCM, the SECRETS keyset kept outside the database). The
 * workspace and invitation ids are the associated data: a sealed token copied to another invitation's row does not
 * open.
 */
@Component
class InvitationLinkSeal {

    private final Keyring keyring;

    InvitationLinkSeal(Keyring keyring) {
        this.keyring = keyring;
    }

    String seal(UUID workspaceId, UUID invitationId, String token) {
        try {
            byte[] sealed = keyring.aead(KeyPurpose.SECRETS).encrypt(token.getBytes(StandardCharsets.US_ASCII),
                    associatedData(workspaceId, invitationId));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt an invitation token", e);
        }
    }

    /** The token, or empty when it cannot be opened (another invitation's, tampered with, or its key is gone). */
    Optional<String> open(UUID workspaceId, UUID invitationId, String sealed) {
        try {
            byte[] token = keyring.aead(KeyPurpose.SECRETS).decrypt(Base64.getUrlDecoder().decode(sealed),
                    associatedData(workspaceId, invitationId));
            return Optional.of(new String(token, StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] associatedData(UUID workspaceId, UUID invitationId) {
        return ("atrium-invitation-mail:" + workspaceId + ":" + invitationId).getBytes(StandardCharsets.US_ASCII);
    }
}
