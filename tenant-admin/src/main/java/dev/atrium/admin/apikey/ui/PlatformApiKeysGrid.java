package dev.atrium.admin.apikey.ui;

import java.util.Locale;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;

import dev.atrium.admin.apikey.ApiKeyStatus;
import dev.atrium.admin.apikey.PlatformApiKey;
import dev.atrium.admin.apikey.PlatformApiKeyService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;

/** The platform API keys with their creator, dates and status; an active one can be revoked. */
public class PlatformApiKeysGrid extends Grid<PlatformApiKey> {

    public static final String ID = "platform-api-keys-grid";
    public static final String REVOKE_CLASS = "atrium-revoke-platform-api-key";
    public static final String CONFIRM_REVOKE_ID = "confirm-revoke-platform-api-key";

    private final PlatformApiKeyService platformKeys;

    public PlatformApiKeysGrid(PlatformApiKeyService platformKeys) {
        this.platformKeys = platformKeys;
        setId(ID);
        setAllRowsVisible(true);
        addColumn(PlatformApiKey::name).setHeader(getTranslation("apikey.grid.name")).setKey("name");
        addColumn(PlatformApiKey::createdBy).setHeader(getTranslation("apikey.grid.created-by"));
        addColumn(key -> Formats.dateTime(key.createdAt())).setHeader(getTranslation("apikey.grid.created"));
        addColumn(key -> key.lastUsedAt() == null ? getTranslation("apikey.grid.never-used") : Formats.dateTime(key.lastUsedAt()))
                .setHeader(getTranslation("apikey.grid.last-used")).setKey("last-used");
        addColumn(key -> key.expiresAt() == null ? getTranslation("apikey.grid.never-expires") : Formats.dateTime(key.expiresAt()))
                .setHeader(getTranslation("apikey.grid.expires"));
        addComponentColumn(this::status).setHeader(getTranslation("apikey.grid.status")).setKey("status");
        addComponentColumn(this::revokeButton).setHeader(getTranslation("apikey.grid.actions"));
        setEmptyStateText(getTranslation("platformkey.grid.empty"));
        refresh();
    }

    public void refresh() {
        setItems(platformKeys.list());
    }

    private Component status(PlatformApiKey key) {
        Span badge = new Span(getTranslation("apikey.status." + key.status().name().toLowerCase(Locale.ROOT)));
        badge.getElement().setAttribute("theme", switch (key.status()) {
            case ACTIVE -> "badge success";
            case EXPIRED -> "badge contrast";
            case REVOKED -> "badge error";
        });
        badge.addClassName("atrium-api-key-status");
        return badge;
    }

    private Component revokeButton(PlatformApiKey key) {
        Button revoke = new Button(getTranslation("apikey.grid.revoke"), e -> Feedback.confirm(CONFIRM_REVOKE_ID,
                getTranslation("apikey.revoke.title"), getTranslation("apikey.revoke.text", key.name()),
                getTranslation("apikey.grid.revoke"), () -> revoke(key)).open());
        revoke.addClassName(REVOKE_CLASS);
        revoke.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        revoke.setVisible(key.status() != ApiKeyStatus.REVOKED);
        return revoke;
    }

    private void revoke(PlatformApiKey key) {
        try {
            platformKeys.revoke(key.id());
            Feedback.success(getTranslation("apikey.revoke.done"));
        } catch (AtriumRefusal refusal) {
            Feedback.refusal(refusal);
        }
        refresh();
    }
}
