package dev.atrium.admin.invitation.ui;

import java.util.OptionalInt;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.IntegerField;

import dev.atrium.admin.access.AccessControl;
import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.Permissions;
import dev.atrium.admin.invitation.InvitationException;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;

/** "Remind invitees N days before expiry": empty is off (the default); changed with settings rights. */
public class InvitationReminderSetting extends Composite<HorizontalLayout> {

    public static final String DAYS_ID = "invitation-reminder-days";
    public static final String SAVE_ID = "save-invitation-reminder";

    private final InvitationService invitations;
    private final TenantScope scope;
    private final IntegerField days = new IntegerField(getTranslation("invitation.reminder.label"));

    public InvitationReminderSetting(InvitationService invitations, AccessControl access, TenantScope scope) {
        this.invitations = invitations;
        this.scope = scope;
        days.setId(DAYS_ID);
        days.setMin(InvitationService.MIN_REMINDER_DAYS);
        days.setMax(InvitationService.MAX_REMINDER_DAYS);
        days.setStepButtonsVisible(true);
        days.setWidth("16rem");
        days.setPlaceholder(getTranslation("invitation.reminder.off"));
        days.setHelperText(getTranslation("invitation.reminder.days", "N"));
        days.setManualValidation(true);
        OptionalInt current = invitations.reminderDays(scope);
        days.setValue(current.isPresent() ? current.getAsInt() : null);
        days.addValueChangeListener(e -> days.setInvalid(false));

        Button save = new Button(getTranslation("invitation.expiry.save"), e -> save());
        save.setId(SAVE_ID);
        boolean allowed = access.has(scope, Permissions.WORKSPACE_SETTINGS);
        days.setEnabled(allowed);
        save.setEnabled(allowed);
        getContent().setAlignItems(FlexComponent.Alignment.BASELINE);
        getContent().add(days, save);
    }

    private void save() {
        try {
            invitations.setReminderDays(scope, days.getValue() == null ? OptionalInt.empty() : OptionalInt.of(days.getValue()));
            Feedback.success(getTranslation("invitation.reminder.saved"));
        } catch (InvitationException | PermissionDeniedException e) {
            days.setErrorMessage(Feedback.text(e));
            days.setInvalid(true);
        }
    }
}
