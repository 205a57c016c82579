package dev.atrium.admin.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import dev.atrium.admin.invitation.InvitationException;
import dev.atrium.admin.invitation.InvitationPage;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.ui.Formats;
import dev.atrium.admin.security.CurrentAccount;
import jakarta.annotation.security.PermitAll;

/**
 * /invite/{token}, the link of an invitation e-mail. Signing in comes first (and returns here); then the page says
 * what the link can do for this account. Only a link this account may use names its workspace. Without the
 * workspace frame: the person may have no workspace yet.
 */
@Route("invite/:" + AcceptInvitationView.TOKEN)
@PageTitle("Invitation · Atrium")
@PermitAll
public class AcceptInvitationView extends Div implements BeforeEnterObserver {

    static final String TOKEN = "token";

    private final InvitationService invitations;
    private final CurrentAccount currentAccount;
    private final H1 title = new H1();
    private final Paragraph message = new Paragraph();
    private String token;

    public AcceptInvitationView(InvitationService invitations, CurrentAccount currentAccount) {
        this.invitations = invitations;
        this.currentAccount = currentAccount;
        addClassName("atrium-centered");
        title.setId("invitation-title");
        message.setId("invitation-message");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getRouteParameters().get(TOKEN).orElse("");
        show(invitations.open(token, currentAccount.id()));
    }

    private void show(InvitationPage page) {
        removeAll();
        add(title, message);
        switch (page.state()) {
            case VALID -> {
                say("Join " + page.workspaceName(), page.invitedBy() + " invited you to join " + page.workspaceName()
                        + " as " + page.roleName() + ".");
                Paragraph expiry = new Paragraph("The invitation is valid until " + Formats.dateTime(page.expiresAt()) + ".");
                expiry.setId("invitation-expiry");
                Button accept = new Button("Accept invitation", e -> accept());
                accept.setId("accept-invitation");
                accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                accept.setDisableOnClick(true);
                add(expiry, accept);
            }
            case WRONG_ACCOUNT -> {
                say("This invitation is for another account", "It was sent to " + page.invitedEmail()
                        + ". You are signed in as " + currentAccount.user().getEmail() + ". Sign out and sign in as "
                        + page.invitedEmail() + " to accept it.");
                Button signOut = new Button("Sign out", e -> currentAccount.signOut());
                signOut.setId("switch-account");
                add(signOut);
            }
            case UNVERIFIED_EMAIL -> say("Verify your e-mail address", "Your identity provider has not confirmed that "
                    + page.invitedEmail() + " is your address. Verify it with your identity provider, sign in again and "
                    + "open this link again.");
            case ALREADY_MEMBER -> {
                say("You are already a member", "Your account is already a member of " + page.workspaceName() + ".");
                RouterLink open = new RouterLink("Open " + page.workspaceName(), WorkspaceHomeView.class,
                        new RouteParameters(WorkspaceLayout.SLUG, page.workspaceSlug()));
                open.setId("open-workspace");
                add(open);
            }
            case INVITER_NO_LONGER_ALLOWED -> say("This invitation can no longer be accepted", page.invitedBy()
                    + " invited you to " + page.workspaceName() + " as " + page.roleName() + ", but can no longer give "
                    + "that role. Ask an admin of " + page.workspaceName() + " to send you a new invitation.");
            case EXPIRED -> say("This invitation has expired", "Ask the person who invited you for a new one.");
            case CANCELLED -> say("This invitation was cancelled",
                    "It can no longer be used. If you still need access, ask the person who invited you.");
            case ALREADY_USED -> say("This invitation has already been used",
                    "An invitation link works once. If you accepted it, the workspace is among your workspaces.");
            case SUPERSEDED -> say("This link was replaced by a newer invitation",
                    "Use the link in the most recent invitation e-mail.");
            case UNKNOWN -> say("This invitation link is not valid",
                    "Check that you opened the whole link from the e-mail, or ask for a new invitation.");
        }
        Anchor workspaces = new Anchor("/", "Go to your workspaces");
        workspaces.setId("go-to-workspaces");
        add(workspaces);
    }

    private void say(String titleText, String messageText) {
        title.setText(titleText);
        message.setText(messageText);
    }

    /** Refused (e.g. cancelled meanwhile): the page then shows why. */
    private void accept() {
        try {
            String slug = invitations.accept(token, currentAccount.id());
            UI.getCurrent().navigate(WorkspaceHomeView.class, new RouteParameters(WorkspaceLayout.SLUG, slug));
        } catch (InvitationException e) {
            show(invitations.open(token, currentAccount.id()));
        }
    }
}
