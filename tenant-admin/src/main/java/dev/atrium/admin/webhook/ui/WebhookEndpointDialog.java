package dev.atrium.admin.webhook.ui;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.webhook.WebhookDraft;
import dev.atrium.admin.webhook.WebhookEndpoint;
import dev.atrium.admin.webhook.WebhookEventTypes;

/** An endpoint's URL and event types, new or to change; it fires the draft, the page's service call decides. */
public class WebhookEndpointDialog extends Dialog {

    public static final String ID = "webhook-endpoint-dialog";
    public static final String URL_ID = "webhook-url";
    public static final String EVENTS_ID = "webhook-events";
    public static final String SAVE_ID = "webhook-save";

    /** @param onSave told the draft; returns whether it was accepted (the dialog then closes) */
    public WebhookEndpointDialog(@Nullable WebhookEndpoint editing, Predicate<WebhookDraft> onSave) {
        setId(ID);
        setHeaderTitle(getTranslation(editing == null ? "webhook.dialog.create-title" : "webhook.dialog.edit-title"));
        setWidth("min(40rem, 95vw)");
        TextField url = new TextField(getTranslation("webhook.dialog.url"));
        url.setId(URL_ID);
        url.setWidthFull();
        url.setPlaceholder("https://example.com/webhooks");
        url.setHelperText(getTranslation("webhook.dialog.url.helper"));
        CheckboxGroup<String> events = new CheckboxGroup<>(getTranslation("webhook.dialog.events"));
        events.setId(EVENTS_ID);
        events.setItems(WebhookEventTypes.subscribable());
        events.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        if (editing != null) {
            url.setValue(editing.url());
            events.setValue(Set.copyOf(editing.eventTypes()));
        }
        add(url, events);
        Button save = new Button(getTranslation("webhook.dialog.save"), e -> {
            if (onSave.test(new WebhookDraft(url.getValue(), List.copyOf(events.getValue())))) {
                close();
            }
        });
        save.setId(SAVE_ID);
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button(getTranslation("webhook.dialog.cancel"), e -> close()), save);
    }
}
