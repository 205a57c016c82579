package dev.atrium.admin.invitation.ui;

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

/** How long new and resent invitations stay valid; shown to everyone who sees invitations, changed with settings rights. */
public class InvitationExpirySetting extends Composite<HorizontalLayout> {

    public static final String DAYS_ID = "invitation-expiry-days";
    public static final String SAVE_ID = "save-invitation-expiry";

    private final InvitationService invitations;
    private final TenantScope scope;
    private final IntegerField days = new IntegerField(getTranslation("invitation.expiry.days"));

    public InvitationExpirySetting(InvitationService invitations, AccessControl access, TenantScope scope) {
        this.invitations = invitations;
        this.scope = scope;
        days.setId(DAYS_ID);
        days.setMin(InvitationService.MIN_EXPIRY_DAYS);
        days.setMax(InvitationService.MAX_EXPIRY_DAYS);
        days.setStepButtonsVisible(true);
        days.setWidth("16rem");
        days.setHelperText(getTranslation("invitation.expiry.days.helper", InvitationService.MIN_EXPIRY_DAYS, InvitationService.MAX_EXPIRY_DAYS));
        // The field shows the service's verdict on Save, not the browser's range check while typing.
        days.setManualValidation(true);
        days.setValue(invitations.expiryDays(scope));
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
        if (days.getValue() == null) {
            showError(getTranslation("invitation.expiry.days.missing"));
            return;
        }
        try {
            invitations.setExpiryDays(scope, days.getValue());
            Feedback.success(getTranslation("invitation.expiry.saved"));
        } catch (InvitationException | PermissionDeniedException e) {
            showError(Feedback.text(e));
        }
    }

    private void showError(String message) {
        days.setErrorMessage(message);
        days.setInvalid(true);
    }
}
