package dev.atrium.admin.invitation.ui;

import java.util.OptionalInt;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;

/**
 * A workspace's invitation setting counted in days, shown to everyone who sees invitations and changed with settings
 * rights: how long invitations stay valid ({@link #expiry}), and how many days before expiry invitees are reminded
 * ({@link #reminder}, empty is off). The field shows the service's verdict on Save, not the browser's range check.
 */
public final class InvitationDaysSetting extends Composite<HorizontalLayout> {

    public static final String EXPIRY_DAYS_ID = "invitation-expiry-days";
    public static final String EXPIRY_SAVE_ID = "save-invitation-expiry";
    public static final String REMINDER_DAYS_ID = "invitation-reminder-days";
    public static final String REMINDER_SAVE_ID = "save-invitation-reminder";

    private final IntegerField days = new IntegerField();
    private final @Nullable String missingKey;
    private final Consumer<@Nullable Integer> store;
    private final String savedKey;

    public static InvitationDaysSetting expiry(InvitationService invitations, AccessControl access, TenantScope scope) {
        InvitationDaysSetting setting = new InvitationDaysSetting(access, scope, EXPIRY_DAYS_ID, EXPIRY_SAVE_ID,
                "invitation.expiry.days.missing", days -> invitations.setExpiryDays(scope, days), "invitation.expiry.saved");
        setting.days.setLabel(setting.getTranslation("invitation.expiry.days"));
        setting.days.setMin(InvitationService.MIN_EXPIRY_DAYS);
        setting.days.setMax(InvitationService.MAX_EXPIRY_DAYS);
        setting.days.setHelperText(setting.getTranslation("invitation.expiry.days.helper",
                InvitationService.MIN_EXPIRY_DAYS, InvitationService.MAX_EXPIRY_DAYS));
        setting.days.setValue(invitations.expiryDays(scope));
        return setting;
    }

    public static InvitationDaysSetting reminder(InvitationService invitations, AccessControl access, TenantScope scope) {
        InvitationDaysSetting setting = new InvitationDaysSetting(access, scope, REMINDER_DAYS_ID, REMINDER_SAVE_ID, null,
                days -> invitations.setReminderDays(scope, days == null ? OptionalInt.empty() : OptionalInt.of(days)),
                "invitation.reminder.saved");
        setting.days.setLabel(setting.getTranslation("invitation.reminder.label"));
        setting.days.setMin(InvitationService.MIN_REMINDER_DAYS);
        setting.days.setMax(InvitationService.MAX_REMINDER_DAYS);
        setting.days.setPlaceholder(setting.getTranslation("invitation.reminder.off"));
        setting.days.setHelperText(setting.getTranslation("invitation.reminder.days", "N"));
        OptionalInt current = invitations.reminderDays(scope);
        setting.days.setValue(current.isPresent() ? current.getAsInt() : null);
        return setting;
    }

    /** @param missingKey the message when the field is empty, or null when empty is a value (off) */
    private InvitationDaysSetting(AccessControl access, TenantScope scope, String fieldId, String saveId,
            @Nullable String missingKey, Consumer<@Nullable Integer> store, String savedKey) {
        this.missingKey = missingKey;
        this.store = store;
        this.savedKey = savedKey;
        days.setId(fieldId);
        days.setStepButtonsVisible(true);
        days.setWidth("16rem");
        days.setManualValidation(true);
        days.addValueChangeListener(e -> days.setInvalid(false));

        Button save = new Button(getTranslation("invitation.expiry.save"), e -> save());
        save.setId(saveId);
        boolean allowed = access.has(scope, Permissions.WORKSPACE_SETTINGS);
        days.setEnabled(allowed);
        save.setEnabled(allowed);

        getContent().setAlignItems(FlexComponent.Alignment.BASELINE);
        getContent().add(days, save);
    }

    private void save() {
        if (days.getValue() == null && missingKey != null) {
            showError(getTranslation(missingKey));
            return;
        }
        try {
            store.accept(days.getValue());
            Feedback.success(getTranslation(savedKey));
        } catch (AtriumRefusal e) {
            showError(Feedback.text(e));
        }
    }

    private void showError(String message) {
        days.setErrorMessage(message);
        days.setInvalid(true);
    }
}
