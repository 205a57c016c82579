package dev.atrium.admin.shell;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;

import dev.atrium.admin.invitation.InvitationException;
import dev.atrium.admin.invitation.InvitationPage;
import dev.atrium.admin.invitation.InvitationService;
import dev.atrium.admin.ui.Formats;
import dev.atrium.admin.security.CurrentAccount;
import dev.atrium.admin.sso.SsoSession;
import jakarta.annotation.security.PermitAll;

/**
 * /invite/{token}, the link of an invitation e-mail. Signing in comes first (and returns here); then the page says
 * what the link can do for this account. Only a link this account may use names its workspace. Without the
 * workspace frame: the person may have no workspace yet.
 */
@Route("invite/:" + AcceptInvitationView.TOKEN)
@PermitAll
public class AcceptInvitationView extends Div implements BeforeEnterObserver, HasDynamicTitle {

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
        show(invitations.open(token, currentAccount.id(), sessionConnectionId()));
    }

    /** The workspace connection this session was opened through, if any: an invitation may be steered through it. */
    private @Nullable UUID sessionConnectionId() {
        return currentAccount.user().sso().map(SsoSession::connectionId).orElse(null);
    }

    private void show(InvitationPage page) {
        removeAll();
        add(title, message);
        switch (page.state()) {
            case VALID -> {
                say("valid", page.workspaceName(), page.invitedBy(), page.roleName());
                Paragraph expiry = new Paragraph(getTranslation("shell.accept-invitation.valid-until",
                        Formats.dateTime(page.expiresAt())));
                expiry.setId("invitation-expiry");
                Button accept = new Button(getTranslation("shell.accept-invitation.accept"), e -> accept());
                accept.setId("accept-invitation");
                accept.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                accept.setDisableOnClick(true);
                add(expiry, accept);
            }
            case WRONG_ACCOUNT -> {
                say("wrong-account", page.invitedEmail(), currentAccount.user().email());
                Button signOut = new Button(getTranslation("shell.accept-invitation.sign-out"), e -> currentAccount.signOut());
                signOut.setId("switch-account");
                add(signOut);
            }
            case UNVERIFIED_EMAIL -> say("unverified-email", page.invitedEmail());
            case SSO_REQUIRED -> {
                title.setText(getTranslation("sso.policy.invitation.title", page.workspaceName()));
                message.setText(getTranslation("sso.policy.invitation.text", page.workspaceName(), page.invitedBy(), page.roleName()));
                // A full page load: the sign-in flow is served outside the Vaadin router; joining consumes the invitation.
                Anchor viaSso = new Anchor(page.ssoPath(), getTranslation("sso.policy.required.continue"));
                viaSso.setRouterIgnore(true);
                viaSso.setId("invitation-sso-continue");
                add(viaSso);
            }
            case ALREADY_MEMBER -> {
                say("already-member", page.workspaceName());
                RouterLink open = new RouterLink(getTranslation("shell.accept-invitation.open", page.workspaceName()),
                        WorkspaceHomeView.class,
                        new RouteParameters(WorkspaceLayout.SLUG, page.workspaceSlug()));
                open.setId("open-workspace");
                add(open);
            }
            case INVITER_NO_LONGER_ALLOWED -> say("inviter-no-longer-allowed", page.workspaceName(), page.invitedBy(),
                    page.roleName());
            case EXPIRED -> say("expired");
            case CANCELLED -> say("cancelled");
            case ALREADY_USED -> say("already-used");
            case SUPERSEDED -> say("superseded");
            case UNKNOWN -> say("unknown");
        }
        Anchor workspaces = new Anchor("/", getTranslation("shell.page.go-to-workspaces"));
        workspaces.setId("go-to-workspaces");
        add(workspaces);
    }

    /** The title and message of a state, e.g. {@code expired}; both patterns get the same arguments. */
    private void say(String state, Object... args) {
        title.setText(getTranslation("shell.accept-invitation." + state + ".title", args));
        message.setText(getTranslation("shell.accept-invitation." + state + ".text", args));
    }

    /** Refused (e.g. cancelled meanwhile): the page then shows why. */
    private void accept() {
        try {
            String slug = invitations.accept(token, currentAccount.id(), sessionConnectionId());
            UI.getCurrent().navigate(WorkspaceHomeView.class, new RouteParameters(WorkspaceLayout.SLUG, slug));
        } catch (InvitationException e) {
            show(invitations.open(token, currentAccount.id(), sessionConnectionId()));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("shell.accept-invitation.page-title");
    }
}
