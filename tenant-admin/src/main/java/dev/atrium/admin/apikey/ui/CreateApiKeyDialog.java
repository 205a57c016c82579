package dev.atrium.admin.apikey.ui;

import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;

import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.apikey.ApiKeyDraft;
import dev.atrium.admin.apikey.ApiKeyService;
import dev.atrium.admin.apikey.CreatedApiKey;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Aria;
import dev.atrium.admin.ui.Feedback;

/**
 * An API key's name, role and expiry. "Never expires" is offered to Owners only (the service refuses it to others);
 * a refusal keeps the dialog open with its message, a created key is handed on (its secret can be shown only now).
 */
public class CreateApiKeyDialog extends Dialog {

    public static final String ID = "create-api-key-dialog";
    public static final String NAME_ID = "api-key-name";
    public static final String ROLE_ID = "api-key-role";
    public static final String EXPIRY_ID = "api-key-expiry-days";
    public static final String NEVER_ID = "api-key-never-expires";
    public static final String SUBMIT_ID = "api-key-submit";

    private static final String DEFAULT_ROLE_KEY = "member";

    private final ApiKeyService apiKeys;
    private final TenantScope scope;
    private final Consumer<CreatedApiKey> onCreated;
    private final TextField name = new TextField(getTranslation("apikey.dialog.name"));
    private final Select<RoleSummary> role = new Select<>();
    private final IntegerField expiryDays = new IntegerField(getTranslation("apikey.dialog.expiry-days"));
    private final Checkbox never = new Checkbox(getTranslation("apikey.dialog.never"));

    public CreateApiKeyDialog(ApiKeyService apiKeys, RoleService roles, TenantScope scope, boolean owner, Consumer<CreatedApiKey> onCreated) {
        this.apiKeys = apiKeys;
        this.scope = scope;
        this.onCreated = onCreated;
        setId(ID);
        setHeaderTitle(getTranslation("apikey.dialog.title"));
        setWidth("min(32rem, 95vw)");

        name.setId(NAME_ID);
        name.setMaxLength(ApiKeyService.MAX_NAME_LENGTH);
        name.setRequiredIndicatorVisible(true);
        name.setWidthFull();

        role.setId(ROLE_ID);
        role.setLabel(getTranslation("apikey.dialog.role"));
        role.setItemLabelGenerator(RoleSummary::name);
        Aria.nameOptions(role, getTranslation("apikey.dialog.role"));
        var assignable = roles.assignableRoles(scope);
        role.setItems(assignable);
        assignable.stream().filter(r -> DEFAULT_ROLE_KEY.equals(r.key())).findFirst().ifPresent(role::setValue);

        expiryDays.setId(EXPIRY_ID);
        expiryDays.setMin(1);
        expiryDays.setMax(ApiKeyService.MAX_EXPIRY_DAYS);
        expiryDays.setStepButtonsVisible(true);
        expiryDays.setValue(ApiKeyService.DEFAULT_EXPIRY_DAYS);
        expiryDays.setHelperText(getTranslation("apikey.dialog.expiry-days.helper", ApiKeyService.MAX_EXPIRY_DAYS));

        never.setId(NEVER_ID);
        never.setVisible(owner);
        never.addValueChangeListener(e -> expiryDays.setEnabled(!e.getValue()));

        VerticalLayout fields = new VerticalLayout(name, role, expiryDays, never);
        fields.setPadding(false);
        add(fields);

        Button submit = new Button(getTranslation("apikey.dialog.create"), e -> submit());
        submit.setId(SUBMIT_ID);
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button(getTranslation("apikey.dialog.cancel"), e -> close()), submit);
    }

    private void submit() {
        if (role.getValue() == null) {
            Feedback.error(getTranslation("error.apikey.role-missing"));
            return;
        }
        if (!never.getValue() && (expiryDays.getValue() == null || expiryDays.isInvalid())) {
            Feedback.error(getTranslation("error.apikey.expiry-days", ApiKeyService.MAX_EXPIRY_DAYS));
            return;
        }
        try {
            CreatedApiKey created = apiKeys.create(scope, new ApiKeyDraft(name.getValue(), role.getValue().id(),
                    never.getValue() ? null : expiryDays.getValue()));
            close();
            onCreated.accept(created);
        } catch (AtriumRefusal refusal) {
            Feedback.refusal(refusal);
        }
    }
}
