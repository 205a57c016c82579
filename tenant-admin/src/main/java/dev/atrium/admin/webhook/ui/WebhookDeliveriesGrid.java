package dev.atrium.admin.webhook.ui;

import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;
import dev.atrium.admin.webhook.WebhookDelivery;
import dev.atrium.admin.webhook.WebhookService;

/** One endpoint's delivery log, newest first: every attempt with its status and latency; a finished message can be redelivered. */
public class WebhookDeliveriesGrid extends Grid<WebhookDelivery> {

    public static final String ID = "webhook-deliveries-grid";
    public static final String REDELIVER_CLASS = "atrium-webhook-redeliver";

    private final WebhookService webhooks;
    private final TenantScope scope;
    private final UUID endpointId;

    public WebhookDeliveriesGrid(WebhookService webhooks, TenantScope scope, UUID endpointId) {
        this.webhooks = webhooks;
        this.scope = scope;
        this.endpointId = endpointId;
        setId(ID);
        setAllRowsVisible(true);
        addColumn(delivery -> Formats.dateTime(delivery.createdAt())).setHeader(getTranslation("webhook.log.created"));
        addColumn(WebhookDelivery::eventType).setHeader(getTranslation("webhook.log.type")).setKey("type");
        addComponentColumn(this::status).setHeader(getTranslation("webhook.log.status")).setKey("status");
        addColumn(this::attempts).setHeader(getTranslation("webhook.log.attempts")).setKey("attempts").setFlexGrow(3);
        addColumn(delivery -> delivery.status() == WebhookDelivery.Status.PENDING ? Formats.dateTime(delivery.nextAttemptAt()) : "")
                .setHeader(getTranslation("webhook.log.next-attempt"));
        addColumn(delivery -> delivery.id().toString()).setHeader(getTranslation("webhook.log.id")).setKey("id");
        addComponentColumn(this::redeliverButton).setHeader(getTranslation("webhook.log.actions"));
        setEmptyStateText(getTranslation("webhook.log.empty"));
        refresh();
    }

    public void refresh() {
        setItems(webhooks.deliveries(scope, endpointId));
    }

    private String attempts(WebhookDelivery delivery) {
        return delivery.attempts().stream().map(attempt -> getTranslation("webhook.log.attempt", Formats.dateTime(attempt.at()),
                attempt.httpStatus() == null ? getTranslation("webhook.log.no-response") : attempt.httpStatus().toString(),
                attempt.latencyMillis(), attempt.error() == null ? "" : attempt.error())).collect(Collectors.joining("\n"));
    }

    private Component status(WebhookDelivery delivery) {
        Span badge = new Span(getTranslation("webhook.log.status." + delivery.status().name().toLowerCase(Locale.ROOT)));
        badge.getElement().setAttribute("theme", switch (delivery.status()) {
            case DELIVERED -> "badge success";
            case PENDING -> "badge contrast";
            case FAILED -> "badge error";
        });
        return badge;
    }

    private Component redeliverButton(WebhookDelivery delivery) {
        Button redeliver = new Button(getTranslation("webhook.log.redeliver"), e -> {
            try {
                webhooks.redeliver(scope, delivery.id());
                Feedback.success(getTranslation("webhook.log.redelivered"));
            } catch (AtriumRefusal refusal) {
                Feedback.refusal(refusal);
            }
            refresh();
        });
        redeliver.addClassName(REDELIVER_CLASS);
        redeliver.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        redeliver.setVisible(delivery.status() != WebhookDelivery.Status.PENDING);
        return redeliver;
    }
}
