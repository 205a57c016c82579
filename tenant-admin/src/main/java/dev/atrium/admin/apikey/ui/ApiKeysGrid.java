package dev.atrium.admin.apikey.ui;

import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

import dev.atrium.admin.apikey.ApiKey;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.ApiKeyStatus;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;

/** The workspace's API keys with their role, creator, dates, reads and status; an active one can be revoked. */
public class ApiKeysGrid extends Grid<ApiKey> {

    public static final String ID = "api-keys-grid";
    public static final String REVOKE_CLASS = "atrium-revoke-api-key";
    public static final String CONFIRM_REVOKE_ID = "confirm-revoke-api-key";

    private final ApiKeyService apiKeys;
    private final TenantScope scope;

    public ApiKeysGrid(ApiKeyService apiKeys, TenantScope scope) {
        this.apiKeys = apiKeys;
        this.scope = scope;
        setId(ID);
        setAllRowsVisible(true);
        addColumn(ApiKey::name).setHeader(getTranslation("apikey.grid.name")).setKey("name");
        addColumn(ApiKey::roleName).setHeader(getTranslation("apikey.grid.role"));
        addColumn(ApiKey::createdBy).setHeader(getTranslation("apikey.grid.created-by"));
        addColumn(key -> Formats.dateTime(key.createdAt())).setHeader(getTranslation("apikey.grid.created"));
        addColumn(key -> key.lastUsedAt() == null ? getTranslation("apikey.grid.never-used") : Formats.dateTime(key.lastUsedAt()))
                .setHeader(getTranslation("apikey.grid.last-used")).setKey("last-used");
        addColumn(ApiKey::reads).setHeader(getTranslation("apikey.grid.reads")).setKey("reads");
        addColumn(key -> key.expiresAt() == null ? getTranslation("apikey.grid.never-expires") : Formats.dateTime(key.expiresAt()))
                .setHeader(getTranslation("apikey.grid.expires"));
        addComponentColumn(this::status).setHeader(getTranslation("apikey.grid.status")).setKey("status");
        addComponentColumn(this::revokeButton).setHeader(getTranslation("apikey.grid.actions"));
        setEmptyStateText(getTranslation("apikey.grid.empty"));
        refresh();
    }

    public void refresh() {
        setItems(apiKeys.list(scope));
    }

    private Component status(ApiKey key) {
        boolean lost = key.status() == ApiKeyStatus.ACTIVE && !key.creatorCanStillGrant();
        Span badge = new Span(getTranslation(lost ? "apikey.status.creator-lost" : "apikey.status." + key.status().name().toLowerCase(Locale.ROOT)));
        badge.getElement().setAttribute("theme", lost ? "badge error" : switch (key.status()) {
            case ACTIVE -> "badge success";
            case EXPIRED -> "badge contrast";
            case REVOKED -> "badge error";
        });
        badge.addClassName("atrium-api-key-status");
        return badge;
    }

    private Component revokeButton(ApiKey key) {
        Button revoke = new Button(getTranslation("apikey.grid.revoke"), e -> Feedback.confirm(CONFIRM_REVOKE_ID,
                getTranslation("apikey.revoke.title"), getTranslation("apikey.revoke.text", key.name()),
                getTranslation("apikey.grid.revoke"), () -> revoke(key)).open());
        revoke.addClassName(REVOKE_CLASS);
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        revoke.setVisible(key.status() != ApiKeyStatus.REVOKED);
        return revoke;
    }

    private void revoke(ApiKey key) {
        try {
            apiKeys.revoke(scope, key.id());
            Feedback.success(getTranslation("apikey.revoke.done"));
        } catch (AtriumRefusal refusal) {
            Feedback.refusal(refusal);
        }
        refresh();
    }
}
