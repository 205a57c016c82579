package dev.atrium.admin.shell;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;

import dev.atrium.admin.joinrequest.JoinRequestService;
import dev.atrium.admin.joinrequest.ui.JoinSuggestionsPanel;
import dev.atrium.admin.security.CurrentAccount;
import jakarta.annotation.security.PermitAll;

/**
 * Where an account without any workspace lands: what became of their join requests, the workspaces their colleagues
 * use (by verified domain), and creating one.
 */
@Route(value = "welcome", layout = MainLayout.class)
@PermitAll
public class WelcomeView extends Div implements HasDynamicTitle {

    public WelcomeView(CurrentAccount currentAccount, JoinRequestService joins) {
        addClassName("atrium-centered");
        H1 title = new H1(getTranslation("shell.welcome.title"));
        title.setId("welcome-title");
        Paragraph text = new Paragraph(getTranslation("shell.welcome.text", currentAccount.user().displayName()));
        Button create = new Button(getTranslation("shell.welcome.create"), e -> findAncestor(MainLayout.class).createWorkspace());
        create.setId("create-first-workspace");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(title, text, new JoinSuggestionsPanel(joins, currentAccount.id(), true), create);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("shell.welcome.page-title");
    }
}
