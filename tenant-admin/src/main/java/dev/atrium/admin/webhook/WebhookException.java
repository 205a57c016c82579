package dev.atrium.admin.webhook;

import dev.atrium.admin.refusal.AtriumRefusal;

/** A webhook endpoint or delivery cannot be changed as asked; nothing was stored. */
public class WebhookException extends AtriumRefusal {
    WebhookException(String code, Object... args) {
        super(code, args);
    }
}
