package dev.atrium.admin.security;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;

/** With several identity providers configured: choose one. (With one, sign-in goes straight to it.) */
@Route(LoginView.ROUTE)
@AnonymousAllowed
public class LoginView extends Div implements HasDynamicTitle {

    public static final String ROUTE = "login";

    public LoginView(ClientRegistrationRepository registrations) {
        addClassName("atrium-centered");
        add(new H1(getTranslation("security.login.title")));
        if (registrations instanceof Iterable<?> providers) {
            for (Object provider : providers) {
                ClientRegistration registration = (ClientRegistration) provider;
                Anchor link = new Anchor("/oauth2/authorization/" + registration.getRegistrationId(),
                        getTranslation("security.login.continue-with", registration.getClientName()));
                link.setRouterIgnore(true);
                link.setId("sign-in-" + registration.getRegistrationId());
                add(link);
            }
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("security.login.page-title");
    }
}
