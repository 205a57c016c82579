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
 * Encrypts invitation tokens (AES-256-GCM, keysets kept outside the database) in two places: in the outbox, until the
 * invitation mail went out (the SECRETS keyset), and on the invitation's row while the link is current, so that a
 * reminder carries the same link (the INVITATION_TOKENS keyset, rotatable on its own). The place, workspace and
 * invitation ids are the associated data: a sealed token copied to another invitation's row, or from the outbox to a
 * row, does not open.
 */
@Component
class InvitationLinkSeal {

    private enum Kept {
        OUTBOX(KeyPurpose.SECRETS, "atrium-invitation-mail:"),
        ROW(KeyPurpose.INVITATION_TOKENS, "atrium-invitation-token:");

        private final KeyPurpose key;
        private final String context;

        Kept(KeyPurpose key, String context) {
            this.key = key;
            this.context = context;
        }
    }

    private final Keyring keyring;

    InvitationLinkSeal(Keyring keyring) {
        this.keyring = keyring;
    }

    /** The token sealed for the outbox's event, as text. */
    String seal(UUID workspaceId, UUID invitationId, String token) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(seal(Kept.OUTBOX, workspaceId, invitationId, token));
    }

    /** The token, or empty when it cannot be opened (another invitation's, tampered with, or its key is gone). */
    Optional<String> open(UUID workspaceId, UUID invitationId, String sealed) {
        try {
            return open(Kept.OUTBOX, workspaceId, invitationId, Base64.getUrlDecoder().decode(sealed));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The token sealed for the invitation's row. */
    byte[] sealForRow(UUID workspaceId, UUID invitationId, String token) {
        return seal(Kept.ROW, workspaceId, invitationId, token);
    }

    /** The token kept on the invitation's row, or empty when it cannot be opened. */
    Optional<String> openFromRow(UUID workspaceId, UUID invitationId, byte[] sealed) {
        return open(Kept.ROW, workspaceId, invitationId, sealed);
    }

    private byte[] seal(Kept kept, UUID workspaceId, UUID invitationId, String token) {
        try {
            return keyring.aead(kept.key).encrypt(token.getBytes(StandardCharsets.US_ASCII), associatedData(kept, workspaceId, invitationId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt an invitation token", e);
        }
    }

    private Optional<String> open(Kept kept, UUID workspaceId, UUID invitationId, byte[] sealed) {
        try {
            byte[] token = keyring.aead(kept.key).decrypt(sealed, associatedData(kept, workspaceId, invitationId));
            return Optional.of(new String(token, StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
    }

    private static byte[] associatedData(Kept kept, UUID workspaceId, UUID invitationId) {
        return (kept.context + workspaceId + ":" + invitationId).getBytes(StandardCharsets.US_ASCII);
    }
}
