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

import dev.atrium.admin.joinlink.JoinLinkException;
import dev.atrium.admin.joinlink.JoinLinkPage;
import dev.atrium.admin.joinlink.JoinLinkService;
import dev.atrium.admin.ratelimit.RateLimitExceededException;
import dev.atrium.admin.security.CurrentAccount;
import dev.atrium.admin.sso.SsoSession;
import dev.atrium.admin.ui.Feedback;
import dev.atrium.admin.ui.Formats;
import jakarta.annotation.security.PermitAll;

/**
 * /join/{token}, a shareable join link. Signing in comes first (and returns here); then the page names the workspace
 * and role and offers "Join", or says why this account cannot use the link (also when it tried too many tokens that
 * match no link). Without the workspace frame: the person may have no workspace yet.
 */
@Route("join/:" + JoinView.TOKEN)
@PermitAll
public class JoinView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    static final String TOKEN = "token";
    public static final String TITLE_ID = "join-title";
    public static final String MESSAGE_ID = "join-message";
    public static final String JOIN_ID = "join-workspace";

    private final JoinLinkService joinLinks;
    private final CurrentAccount currentAccount;
    private final H1 title = new H1();
    private final Paragraph message = new Paragraph();
    private String token = "";

    public JoinView(JoinLinkService joinLinks, CurrentAccount currentAccount) {
        this.joinLinks = joinLinks;
        this.currentAccount = currentAccount;
        addClassName("atrium-centered");
        title.setId(TITLE_ID);
        message.setId(MESSAGE_ID);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        token = event.getRouteParameters().get(TOKEN).orElse("");
        showCurrent();
    }

    private void showCurrent() {
        try {
            show(joinLinks.open(token, currentAccount.id(), sessionConnectionId()));
        } catch (RateLimitExceededException e) {
            removeAll();
            title.setText(getTranslation("joinlink.join.rate-limited.title"));
            message.setText(Feedback.text(e));
            add(title, message, workspacesLink());
        }
    }

    /** The workspace connection this session was opened through, if any: the workspace may require it. */
    private @Nullable UUID sessionConnectionId() {
        return currentAccount.user().sso().map(SsoSession::connectionId).orElse(null);
    }

    private void show(JoinLinkPage page) {
        removeAll();
        add(title, message);
        String domains = String.join(", ", page.allowedDomains());
        switch (page.state()) {
            case VALID -> {
                say("valid", page.workspaceName(), page.roleName());
                Paragraph expiry = new Paragraph(getTranslation("joinlink.join.valid-until", Formats.dateTime(page.expiresAt())));
                Button join = new Button(getTranslation("joinlink.join.join", page.workspaceName()), e -> join());
                join.setId(JOIN_ID);
                join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
                join.setDisableOnClick(true);
                add(expiry, join);
            }
            case SSO_REQUIRED -> {
                say("sso-required", page.workspaceName(), page.roleName());
                // A full page load: the sign-in flow is served outside the Vaadin router.
                Anchor viaSso = new Anchor(page.ssoPath(), getTranslation("sso.policy.required.continue"));
                viaSso.setRouterIgnore(true);
                viaSso.setId("join-sso-continue");
                add(viaSso);
            }
            case ALREADY_MEMBER -> {
                say("already-member", page.workspaceName());
                RouterLink open = new RouterLink(getTranslation("shell.accept-invitation.open", page.workspaceName()),
                        WorkspaceHomeView.class, new RouteParameters(WorkspaceLayout.SLUG, page.workspaceSlug()));
                open.setId("open-workspace");
                add(open);
            }
            case DOMAIN_NOT_ALLOWED -> say("domain-not-allowed", domains, currentAccount.user().email());
            case UNVERIFIED_EMAIL -> say("unverified-email", domains, currentAccount.user().email());
            case CREATOR_NO_LONGER_ALLOWED -> say("creator-no-longer-allowed", page.workspaceName(), page.roleName());
            case EXPIRED -> say("expired");
            case REVOKED -> say("revoked");
            case USED_UP -> say("used-up");
            case UNKNOWN -> say("unknown");
        }
        add(workspacesLink());
    }

    private Anchor workspacesLink() {
        Anchor workspaces = new Anchor("/", getTranslation("shell.page.go-to-workspaces"));
        workspaces.setId("go-to-workspaces");
        return workspaces;
    }

    /** The title and message of a state, e.g. {@code used-up}; both patterns get the same arguments. */
    private void say(String state, @Nullable Object... args) {
        title.setText(getTranslation("joinlink.join." + state + ".title", args));
        message.setText(getTranslation("joinlink.join." + state + ".text", args));
    }

    /** Refused (e.g. used up or revoked meanwhile): the page then shows why. */
    private void join() {
        try {
            String slug = joinLinks.join(token, currentAccount.id(), sessionConnectionId());
            UI.getCurrent().navigate(WorkspaceHomeView.class, new RouteParameters(WorkspaceLayout.SLUG, slug));
        } catch (JoinLinkException | RateLimitExceededException e) {
            showCurrent();
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("joinlink.join.page-title");
    }
}
