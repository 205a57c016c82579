package dev.atrium.admin.apikey;

/** A new platform key with its secret, shown this once: only the secret's hash is stored. */
public record CreatedPlatformApiKey(PlatformApiKey key, String secret) {
}
