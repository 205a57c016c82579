package dev.atrium.admin.webhook.ui;

import java.util.function.Supplier;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.webhook.WebhookEndpoint;
import dev.atrium.admin.webhook.WebhookService;

/**
 * The workspace's endpoints with their actions, a banner for endpoints the system disabled after a day of failures,
 * and the delivery log of the endpoint chosen.
 */
public class WebhooksPanel extends VerticalLayout {

    public static final String CREATE_ID = "create-webhook";
    public static final String GRID_ID = "webhooks-grid";
    public static final String BANNER_ID = "webhook-disabled-banner";
    public static final String LOG_ID = "webhook-log";
    public static final String LOG_REFRESH_ID = "webhook-log-refresh";
    public static final String EDIT_CLASS = "atrium-webhook-edit";
    public static final String TOGGLE_CLASS = "atrium-webhook-toggle";
    public static final String ROTATE_CLASS = "atrium-webhook-rotate";
    public static final String TEST_CLASS = "atrium-webhook-test";
    public static final String LOG_CLASS = "atrium-webhook-log";
    public static final String DELETE_CLASS = "atrium-webhook-delete";
    public static final String CONFIRM_ROTATE_ID = "confirm-rotate-webhook-secret";
    public static final String CONFIRM_DELETE_ID = "confirm-delete-webhook";

    private final WebhookService webhooks;
    private final TenantScope scope;
    private final Grid<WebhookEndpoint> grid = new Grid<>();
    private final Div banner = new Div();
    private final Div log = new Div();

    public WebhooksPanel(WebhookService webhooks, TenantScope scope) {
        this.webhooks = webhooks;
        this.scope = scope;
        setPadding(false);
        Button create = new Button(getTranslation("webhook.page.create"), VaadinIcon.PLUS.create(),
                e -> new WebhookEndpointDialog(null, draft -> attempt(() -> {
                    var created = webhooks.create(scope, draft);
                    new WebhookSecretDialog(created.secret(), false).open();
                    return created;
                })).open());
        create.setId(CREATE_ID);
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        banner.setId(BANNER_ID);
        banner.addClassName("atrium-note-error");
        grid.setId(GRID_ID);
        grid.setAllRowsVisible(true);
        grid.addColumn(WebhookEndpoint::url).setHeader(getTranslation("webhook.grid.url")).setKey("url").setFlexGrow(2);
        grid.addColumn(endpoint -> String.join(", ", endpoint.eventTypes())).setHeader(getTranslation("webhook.grid.events")).setFlexGrow(2);
        grid.addComponentColumn(this::status).setHeader(getTranslation("webhook.grid.status")).setKey("status");
        grid.addComponentColumn(this::actions).setHeader(getTranslation("webhook.grid.actions")).setFlexGrow(3);
        grid.setEmptyStateText(getTranslation("webhook.grid.empty"));
        log.setId(LOG_ID);
        log.setWidthFull();
        add(create, banner, grid, log);
        refresh();
    }

    private void refresh() {
        var endpoints = webhooks.list(scope);
        grid.setItems(endpoints);
        banner.removeAll();
        endpoints.stream().filter(endpoint -> !endpoint.enabled() && endpoint.disabledReason() != null).forEach(endpoint ->
                banner.add(new Paragraph(getTranslation("webhook.banner.disabled", endpoint.url(), endpoint.disabledReason()))));
        banner.setVisible(banner.getComponentCount() > 0);
    }

    private Component status(WebhookEndpoint endpoint) {
        Span badge = new Span(getTranslation(endpoint.enabled() ? "webhook.status.enabled"
                : endpoint.disabledReason() != null ? "webhook.status.failing" : "webhook.status.disabled"));
        badge.getElement().setAttribute("theme", endpoint.enabled() ? "badge success" : "badge error");
        return badge;
    }

    private Component actions(WebhookEndpoint endpoint) {
        Button edit = small("webhook.grid.edit", EDIT_CLASS, () -> new WebhookEndpointDialog(endpoint,
                draft -> attempt(() -> webhooks.update(scope, endpoint.id(), draft))).open());
        Button toggle = small(endpoint.enabled() ? "webhook.grid.disable" : "webhook.grid.enable", TOGGLE_CLASS,
                () -> attempt(() -> webhooks.setEnabled(scope, endpoint.id(), !endpoint.enabled())));
        Button rotate = small("webhook.grid.rotate", ROTATE_CLASS, () -> Feedback.confirm(CONFIRM_ROTATE_ID,
                getTranslation("webhook.rotate.title"), getTranslation("webhook.rotate.text", endpoint.url()),
                getTranslation("webhook.grid.rotate"), () -> attempt(() -> {
                    String secret = webhooks.rotateSecret(scope, endpoint.id());
                    new WebhookSecretDialog(secret, true).open();
                    return secret;
                })).open());
        Button test = small("webhook.grid.test", TEST_CLASS, () -> {
            if (attempt(() -> {
                webhooks.sendTest(scope, endpoint.id());
                return endpoint;
            })) {
                Feedback.success(getTranslation("webhook.test.queued"));
                showLog(endpoint);
            }
        });
        Button showLog = small("webhook.grid.log", LOG_CLASS, () -> showLog(endpoint));
        Button delete = small("webhook.grid.delete", DELETE_CLASS, () -> Feedback.confirm(CONFIRM_DELETE_ID,
                getTranslation("webhook.delete.title"), getTranslation("webhook.delete.text", endpoint.url()),
                getTranslation("webhook.grid.delete"), () -> {
                    if (attempt(() -> {
                        webhooks.delete(scope, endpoint.id());
                        return endpoint;
                    })) {
                        log.removeAll();
                    }
                }).open());
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(edit, toggle, rotate, test, showLog, delete);
        actions.setSpacing(false);
        actions.getStyle().set("flex-wrap", "wrap");
        return actions;
    }

    private void showLog(WebhookEndpoint endpoint) {
        log.removeAll();
        WebhookDeliveriesGrid deliveries = new WebhookDeliveriesGrid(webhooks, scope, endpoint.id());
        Button refresh = new Button(getTranslation("webhook.log.refresh"), VaadinIcon.REFRESH.create(), e -> deliveries.refresh());
        refresh.setId(LOG_REFRESH_ID);
        refresh.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        log.add(new H2(getTranslation("webhook.log.title", endpoint.url())), refresh, deliveries);
    }

    private Button small(String labelKey, String className, Runnable action) {
        Button button = new Button(getTranslation(labelKey), e -> action.run());
        button.addClassName(className);
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        return button;
    }

    /** Runs a service call; a refusal is shown and stores nothing. @return whether it went through */
    private boolean attempt(Supplier<?> call) {
        try {
            call.get();
            refresh();
            return true;
        } catch (AtriumRefusal refusal) {
            Feedback.refusal(refusal);
            return false;
        }
    }
}
