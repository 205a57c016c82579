package dev.atrium.admin.apikey;

import dev.atrium.admin.refusal.AtriumRefusal;

/** An API key cannot be created or revoked as asked; nothing was stored. */
public class ApiKeyException extends AtriumRefusal {
    ApiKeyException(String code, Object... args) {
        super(code, args);
    }
}
