package dev.atrium.admin.webhook;

/** A new endpoint and its signing secret ({@code whsec_...}), which is shown this once and never again. */
public record CreatedWebhook(WebhookEndpoint endpoint, String secret) {
}
