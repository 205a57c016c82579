package dev.atrium.admin.apikey;

/** Whether a key can still be used, and if not, why. */
public enum ApiKeyStatus {
    ACTIVE, EXPIRED, REVOKED
}
