package dev.atrium.admin.apikey.ui;

import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.CreatedPlatformApiKey;
import dev.atrium.admin.apikey.PlatformApiKeyService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.ui.Feedback;

/** A platform key's name and expiry; a refusal keeps the dialog open, a created key is handed on with its secret. */
public class CreatePlatformApiKeyDialog extends Dialog {

    public static final String ID = "create-platform-api-key-dialog";
    public static final String NAME_ID = "platform-api-key-name";
    public static final String EXPIRY_ID = "platform-api-key-expiry-days";
    public static final String NEVER_ID = "platform-api-key-never-expires";
    public static final String SUBMIT_ID = "platform-api-key-submit";

    private final PlatformApiKeyService platformKeys;
    private final Consumer<CreatedPlatformApiKey> onCreated;
    private final TextField name = new TextField(getTranslation("apikey.dialog.name"));
    private final IntegerField expiryDays = new IntegerField(getTranslation("apikey.dialog.expiry-days"));
    private final Checkbox never = new Checkbox(getTranslation("apikey.dialog.never"));

    public CreatePlatformApiKeyDialog(PlatformApiKeyService platformKeys, Consumer<CreatedPlatformApiKey> onCreated) {
        this.platformKeys = platformKeys;
        this.onCreated = onCreated;
        setId(ID);
        setHeaderTitle(getTranslation("platformkey.dialog.title"));
        setWidth("min(32rem, 95vw)");

        name.setId(NAME_ID);
        name.setMaxLength(ApiKeyService.MAX_NAME_LENGTH);
        name.setRequiredIndicatorVisible(true);
        name.setWidthFull();

        expiryDays.setId(EXPIRY_ID);
        expiryDays.setMin(1);
        expiryDays.setMax(ApiKeyService.MAX_EXPIRY_DAYS);
        expiryDays.setStepButtonsVisible(true);
        expiryDays.setValue(ApiKeyService.DEFAULT_EXPIRY_DAYS);
        expiryDays.setHelperText(getTranslation("apikey.dialog.expiry-days.helper", ApiKeyService.MAX_EXPIRY_DAYS));

        never.setId(NEVER_ID);
        never.addValueChangeListener(e -> expiryDays.setEnabled(!e.getValue()));

        VerticalLayout fields = new VerticalLayout(name, expiryDays, never);
        fields.setPadding(false);
        add(fields);

        Button submit = new Button(getTranslation("apikey.dialog.create"), e -> submit());
        submit.setId(SUBMIT_ID);
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button(getTranslation("apikey.dialog.cancel"), e -> close()), submit);
    }

    private void submit() {
        if (!never.getValue() && (expiryDays.getValue() == null || expiryDays.isInvalid())) {
            Feedback.error(getTranslation("error.apikey.expiry-days", ApiKeyService.MAX_EXPIRY_DAYS));
            return;
        }
        try {
            CreatedPlatformApiKey created = platformKeys.create(name.getValue(), never.getValue() ? null : expiryDays.getValue());
            close();
            onCreated.accept(created);
        } catch (AtriumRefusal refusal) {
            Feedback.refusal(refusal);
        }
    }
}
