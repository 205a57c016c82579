package dev.atrium.admin.shell;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.security.CurrentAccount;
import dev.atrium.admin.sso.SsoPolicyService;
import dev.atrium.admin.tenancy.TenantBinder;
import dev.atrium.admin.tenancy.TenantNotFoundException;
import dev.atrium.admin.tenancy.TenantScope;
import dev.atrium.admin.ui.Feedback;
import jakarta.annotation.security.PermitAll;

/**
 * /sso/{slug}/required: the page between a workspace whose SSO policies stop this session and its identity provider.
 * It says why and continues to {@code /sso/{slug}} (with {@code ?step-up=mfa} when the sign-in lacked a second factor,
 * {@value #STEP_UP}). Only a member sees the workspace's name; anyone else gets "not found".
 */
@Route("sso/:" + SsoRequiredView.SLUG + "/required")
@PermitAll
public class SsoRequiredView extends Div implements BeforeEnterObserver, HasDynamicTitle {

    static final String SLUG = "slug";
    /** The query parameter (and its value) asking for a sign-in with a second factor. */
    static final String STEP_UP = "step-up";
    static final String MFA = "mfa";

    private final TenantBinder binder;
    private final CurrentAccount currentAccount;

    public SsoRequiredView(TenantBinder binder, CurrentAccount currentAccount) {
        this.binder = binder;
        this.currentAccount = currentAccount;
        addClassName("atrium-centered");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        String slug = event.getRouteParameters().get(SLUG).orElseThrow();
        TenantScope scope;
        try {
            scope = binder.bind(currentAccount.id(), slug);
        } catch (TenantNotFoundException e) {
            event.rerouteToError(NotFoundException.class, Feedback.text(e));
            return;
        }
        boolean stepUp = event.getLocation().getQueryParameters().getSingleParameter(STEP_UP).filter(MFA::equals).isPresent();
        String kind = stepUp ? "sso.policy.mfa-required" : "sso.policy.required";
        removeAll();
        H1 title = new H1(getTranslation(kind + ".title", scope.workspaceName()));
        title.setId("sso-required-title");
        Paragraph message = new Paragraph(getTranslation(kind + ".text", scope.workspaceName()));
        message.setId("sso-required-message");
        String target = SsoPolicyService.ssoPath(slug) + (stepUp ? "?" + STEP_UP + "=" + MFA : "");
        Anchor continueLink = new Anchor(target, getTranslation("sso.policy.required.continue"));
        continueLink.setId("sso-required-continue");
        // A full page load: the sign-in flow is served outside the Vaadin router.
        continueLink.setRouterIgnore(true);
        Anchor workspaces = new Anchor("/", getTranslation("shell.page.go-to-workspaces"));
        workspaces.setId("go-to-workspaces");
        add(title, message, new Div(continueLink), workspaces);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("sso.policy.required.page-title");
    }
}
