package dev.atrium.admin.invitation.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.shared.Registration;

import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.access.RoleSummary;
import dev.atrium.admin.invitation.InvitationException;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.invitation.InviteOutcome;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.role.RoleService;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Aria;
import dev.atrium.admin.ui.Feedback;

/**
 * Addresses to invite and the role they get. The service decides which addresses are acceptable; a request it
 * refuses as a whole keeps the dialog open with its message, otherwise the links dialog shows the result.
 */
public class InviteDialog extends Dialog {

    public static final String EMAILS_ID = "invite-emails";
    public static final String ROLE_ID = "invite-role";
    public static final String SUBMIT_ID = "invite-submit";

    /** The role new people usually get. */
    private static final String DEFAULT_ROLE_KEY = "member";

    private final InvitationService invitations;
    private final TenantScope scope;
    private final TextArea emails = new TextArea(getTranslation("invitation.dialog.emails"));
    private final Select<RoleSummary> role = new Select<>();

    public InviteDialog(InvitationService invitations, RoleService roles, TenantScope scope) {
        this.invitations = invitations;
        this.scope = scope;
        setHeaderTitle(getTranslation("invitation.dialog.title"));
        setWidth("min(32rem, 95vw)");

        emails.setId(EMAILS_ID);
        emails.setHelperText(getTranslation("invitation.dialog.emails.helper"));
        emails.setPlaceholder(getTranslation("invitation.dialog.emails.placeholder"));
        emails.setRequiredIndicatorVisible(true);
        emails.setWidthFull();
        emails.addValueChangeListener(e -> emails.setInvalid(false));

        role.setId(ROLE_ID);
        role.setLabel(getTranslation("invitation.dialog.role"));
        role.setItemLabelGenerator(RoleSummary::name);
        // No required indicator: Vaadin would put aria-required on the select's button, where ARIA does not allow it.
        // A role is preselected, and sending without one says "Choose a role."
        Aria.nameOptions(role, getTranslation("invitation.dialog.role"));
        var assignable = roles.assignableRoles(scope);
        role.setItems(assignable);
        assignable.stream().filter(r -> DEFAULT_ROLE_KEY.equals(r.key())).findFirst().ifPresent(role::setValue);
        role.addValueChangeListener(e -> role.setInvalid(false));

        VerticalLayout fields = new VerticalLayout(emails, role);
        fields.setPadding(false);
        add(fields);

        Button submit = new Button(getTranslation("invitation.dialog.send"), e -> submit());
        submit.setId(SUBMIT_ID);
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setDisableOnClick(true);
        submit.addClickListener(e -> submit.setEnabled(true));
        getFooter().add(new Button(getTranslation("invitation.dialog.cancel"), e -> close()), submit);
        addOpenedChangeListener(e -> emails.focus());
    }

    private void submit() {
        if (role.getValue() == null) {
            role.setErrorMessage(getTranslation("invitation.dialog.role.missing"));
            role.setInvalid(true);
            return;
        }
        try {
            InviteOutcome outcome = invitations.invite(scope, emails.getValue(), role.getValue().id(), getLocale());
            close();
            new InvitationLinksDialog(outcome).open();
            fireEvent(new InvitedEvent(this, outcome));
        } catch (InvitationException | PermissionDeniedException | RateLimitExceededException e) {
            emails.setErrorMessage(Feedback.text(e));
            emails.setInvalid(true);
        }
    }

    public Registration addInvitedListener(ComponentEventListener<InvitedEvent> listener) {
        return addListener(InvitedEvent.class, listener);
    }

    /** Invitations were sent (possibly none, when every address was rejected). */
    public static class InvitedEvent extends ComponentEvent<InviteDialog> {
        private final InviteOutcome outcome;

        InvitedEvent(InviteDialog source, InviteOutcome outcome) {
            super(source, true);
            this.outcome = outcome;
        }

        public InviteOutcome outcome() {
            return outcome;
        }
    }
}
