package dev.atrium.admin.invitation.ui;

import java.time.OffsetDateTime;
import java.util.List;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.contextmenu.MenuItem;
import com.vaadin.flow.component.contextmenu.SubMenu;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.menubar.MenuBar;
import com.vaadin.flow.component.menubar.MenuBarVariant;

import dev.atrium.admin.access.PermissionDeniedException;
import dev.atrium.admin.invitation.BulkOutcome;
import dev.atrium.admin.invitation.Invitation;
import dev.atrium.admin.invitation.InvitationException;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;

/**
 * One invitation's own actions, in a menu in its row: Resend (shows the new link to copy), Cancel (after a
 * confirmation) and Extend (the same link stays valid longer). Shown only to members who manage invitations, for open
 * invitations; the service checks every action again and its refusals are shown as they are. {@code changed} runs
 * after every action, so the grid shows the invitation as it now is.
 */
public class InvitationRowMenu extends Composite<MenuBar> {

    public static final String CONFIRM_CANCEL_ID = "confirm-cancel-invitation";

    private final InvitationService invitations;
    private final TenantScope scope;
    private final Invitation invitation;
    private final Runnable changed;

    public InvitationRowMenu(InvitationService invitations, TenantScope scope, Invitation invitation, Runnable changed) {
        this.invitations = invitations;
        this.scope = scope;
        this.invitation = invitation;
        this.changed = changed;
        MenuBar menu = getContent();
        menu.setId("invitation-menu-" + invitation.id());
        menu.addThemeVariants(MenuBarVariant.LUMO_TERTIARY, MenuBarVariant.LUMO_ICON);
        MenuItem root = menu.addItem(VaadinIcon.ELLIPSIS_DOTS_V.create());
        root.getElement().setAttribute("aria-label", getTranslation("invitation.menu.label", invitation.email()));
        SubMenu items = root.getSubMenu();
        items.addItem(getTranslation("invitation.menu.resend"), e -> resend()).setId("resend-invitation-" + invitation.id());
        items.addItem(getTranslation("invitation.menu.extend"), e -> extend()).setId("extend-invitation-" + invitation.id());
        items.addItem(getTranslation("invitation.menu.cancel"), e -> confirmCancel()).setId("cancel-invitation-" + invitation.id());
    }

    private void resend() {
        try {
            InvitationLinksDialog.showResent(invitations.resend(scope, List.of(invitation.id()), getLocale()));
        } catch (PermissionDeniedException | RateLimitExceededException e) {
            Feedback.refusal(e);
        }
        changed.run();
    }

    private void extend() {
        try {
            OffsetDateTime expiresAt = invitations.extend(scope, invitation.id());
            Feedback.success(getTranslation("invitation.menu.extend.done", invitation.email(), Formats.dateTime(expiresAt)));
        } catch (PermissionDeniedException | InvitationException e) {
            Feedback.refusal(e);
        }
        changed.run();
    }

    private void confirmCancel() {
        ConfirmDialog dialog = Feedback.confirm(CONFIRM_CANCEL_ID, getTranslation("invitation.menu.cancel"),
                getTranslation("invitation.menu.cancel.question", invitation.email()), getTranslation("invitation.menu.cancel"),
                this::cancel);
        dialog.setCancelText(getTranslation("invitation.grid.cancel.keep"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.open();
    }

    private void cancel() {
        try {
            BulkOutcome outcome = invitations.cancel(scope, List.of(invitation.id()));
            if (outcome.rejected().isEmpty()) {
                Feedback.success(getTranslation("invitation.grid.cancel.done", invitation.email()));
            } else {
                Feedback.error(outcome.rejected().stream().map(r -> r.address() + ": " + Feedback.text(r.reason())).toArray(String[]::new));
            }
        } catch (PermissionDeniedException e) {
            Feedback.refusal(e);
        }
        changed.run();
    }
}
