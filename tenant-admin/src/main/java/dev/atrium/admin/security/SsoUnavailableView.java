package dev.atrium.admin.security;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/**
 * {@code /sso/{slug}} of a workspace without an enabled connection (or no workspace at all): a neutral page that says
 * so, without telling whether the workspace exists. {@link SsoEntryFilter} sends everything else on to the identity
 * provider before this view is reached.
 */
@Route("sso/:slug")
@AnonymousAllowed
public class SsoUnavailableView extends Div implements HasDynamicTitle {

    public static final String ID = "sso-unavailable";
    public static final String SIGN_IN_ID = "sso-unavailable-sign-in";

    public SsoUnavailableView() {
        setId(ID);
        addClassName("atrium-centered");
        Anchor signIn = new Anchor("/" + LoginView.ROUTE, getTranslation("security.login.sso-unavailable.sign-in"));
        signIn.setId(SIGN_IN_ID);
        signIn.setRouterIgnore(true);
        add(new H1(getTranslation("security.login.sso-unavailable.title")),
                new Paragraph(getTranslation("security.login.sso-unavailable.text")), signIn);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("security.login.sso-unavailable.page-title");
    }
}
