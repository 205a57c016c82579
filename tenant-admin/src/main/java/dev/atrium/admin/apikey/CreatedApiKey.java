package dev.atrium.admin.apikey;

/** A new key with its secret, shown this once: only the secret's hash is stored. */
public record CreatedApiKey(ApiKey key, String secret) {
}
