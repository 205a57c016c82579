package dev.atrium.admin.keys;

import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;

/** What a keyset is for; each purpose has its own keyset file, so one key never serves two purposes. */
public enum KeyPurpose {

    /** HMAC-SHA256 over each audit event and its predecessor's MAC. */
    AUDIT_CHAIN("audit-chain", PredefinedMacParameters.HMAC_SHA256_256BITTAG),
    /** Ed25519 signatures of published audit checkpoints; the public half verifies them anywhere. */
    AUDIT_CHECKPOINT("audit-checkpoint", PredefinedSignatureParameters.ED25519),
    /** AES-256-GCM for secrets stored in the database (tokens in an outbox, keys). */
    SECRETS("secrets", PredefinedAeadParameters.AES256_GCM),
    /** AES-256-GCM for workspaces' SSO client secrets, apart from other secrets so it can be rotated on its own. */
    SSO_CLIENT_SECRETS("sso-client-secrets", PredefinedAeadParameters.AES256_GCM),
    /** AES-256-GCM for pending invitations' current tokens, kept so that a reminder can carry the same link. */
    INVITATION_TOKENS("invitation-tokens", PredefinedAeadParameters.AES256_GCM),
    /** AES-256-GCM for webhook endpoints' signing secrets. */
    WEBHOOK_SECRETS("webhook-secrets", PredefinedAeadParameters.AES256_GCM),
    /** HMAC-SHA256 binding an API list's cursor to its workspace and view, so that a client cannot choose its key. */
    API_CURSORS("api-cursors", PredefinedMacParameters.HMAC_SHA256_128BITTAG);

    private final String fileName;
    private final Parameters parameters;

    KeyPurpose(String name, Parameters parameters) {
        this.fileName = name + ".json";
        this.parameters = parameters;
    }

    String fileName() {
        return fileName;
    }

    Parameters parameters() {
        return parameters;
    }
}
