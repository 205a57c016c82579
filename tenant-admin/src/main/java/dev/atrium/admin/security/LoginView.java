package dev.atrium.admin.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.WebAttributes;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.Autocomplete;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import dev.atrium.admin.refusal.AtriumRefusal;
import dev.atrium.admin.sso.SsoDirectory;
import dev.atrium.admin.sso.SsoRoute;
import dev.atrium.admin.ui.Feedback;

/**
 * The sign-in page, e-mail first. An address whose domain a workspace verified, with an enabled connection, goes to
 * that workspace's identity provider ({@code /sso/{slug}}); any other address to the app-wide provider (one: straight
 * there, with the address as {@code login_hint}; several: a choice). Nothing on the page tells whether a domain is
 * known. After a failed sign-in it shows why, in the reader's language.
 */
@Route(LoginView.ROUTE)
@AnonymousAllowed
public class LoginView extends Div implements HasDynamicTitle, BeforeEnterObserver {

    public static final String ROUTE = "login";
    public static final String EMAIL_ID = "sign-in-email";
    public static final String CONTINUE_ID = "sign-in-continue";
    public static final String ERROR_ID = "sign-in-error";
    public static final String PROVIDERS_ID = "sign-in-providers";

    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]+@[^@\\s]+");

    private final SsoDirectory sso;
    private final List<ClientRegistration> providers = new ArrayList<>();
    private final EmailField email = new EmailField(getTranslation("security.login.email"));
    private final Paragraph error = new Paragraph();
    private final Div choice = new Div();

    public LoginView(ClientRegistrationRepository registrations, SsoDirectory sso) {
        this.sso = sso;
        if (registrations instanceof Iterable<?> all) {
            all.forEach(provider -> providers.add((ClientRegistration) provider));
        }
        addClassName("atrium-centered");
        email.setId(EMAIL_ID);
        email.setAutocomplete(Autocomplete.EMAIL);
        email.setRequiredIndicatorVisible(true);
        email.setManualValidation(true);
        email.setWidthFull();
        email.setMaxLength(320);
        Button next = new Button(getTranslation("security.login.continue"), e -> next());
        next.setId(CONTINUE_ID);
        next.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        next.addClickShortcut(Key.ENTER).listenOn(email);
        error.setId(ERROR_ID);
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        choice.setId(PROVIDERS_ID);
        choice.setVisible(false);
        add(new H1(getTranslation("security.login.title")), error, email, next, choice);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            return;
        }
        WrappedSession session = VaadinSession.getCurrent().getSession();
        Object failure = session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        session.removeAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
        error.setText(failure instanceof OAuth2AuthenticationException oauth && oauth.getCause() instanceof AtriumRefusal refusal
                ? Feedback.text(refusal)
                : getTranslation("security.login.failed"));
        error.setVisible(true);
    }

    private void next() {
        String typed = email.getValue().strip();
        if (!ADDRESS.matcher(typed).matches()) {
            email.setErrorMessage(getTranslation("security.login.email-invalid"));
            email.setInvalid(true);
            return;
        }
        email.setInvalid(false);
        String hint = "?login_hint=" + URLEncoder.encode(typed, StandardCharsets.UTF_8);
        Optional<SsoRoute> workspace = sso.forEmail(typed);
        if (workspace.isPresent()) {
            go("/sso/" + workspace.get().slug() + hint);
        } else if (providers.size() == 1) {
            go(SignInRequests.BASE_URI + "/" + providers.getFirst().getRegistrationId() + hint);
        } else {
            choice.removeAll();
            for (ClientRegistration registration : providers) {
                Anchor link = new Anchor(SignInRequests.BASE_URI + "/" + registration.getRegistrationId() + hint,
                        getTranslation("security.login.continue-with", registration.getClientName()));
                link.setRouterIgnore(true);
                link.setId("sign-in-" + registration.getRegistrationId());
                choice.add(new Div(link));
            }
            choice.setVisible(true);
        }
    }

    private static void go(String location) {
        UI.getCurrent().getPage().setLocation(location);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("security.login.page-title");
    }
}
