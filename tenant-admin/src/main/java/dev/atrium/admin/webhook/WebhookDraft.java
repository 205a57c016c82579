package dev.atrium.admin.webhook;

import java.util.List;

/** An endpoint as typed: its URL and the event types it subscribes to. */
public record WebhookDraft(String url, List<String> eventTypes) {

    public WebhookDraft {
        eventTypes = List.copyOf(eventTypes);
    }
}
